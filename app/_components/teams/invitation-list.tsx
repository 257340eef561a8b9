import { getTranslator } from "@/app/_i18n/server";
import type { InvitationSummary } from "@/lib/db/invitations";
import { RevokeInvitationButton } from "./revoke-invitation-button";

// The links an owner made, without their tokens (only hashes are stored), each with how far it has been used.
export async function InvitationList({ teamId, invitations }: { teamId: string; invitations: InvitationSummary[] }) {
  const { t, formatDate } = await getTranslator();
  const now = Date.now();
  return invitations.length === 0 ? (
    <p className="text-ink-muted text-sm">{t("teams.invite.none")}</p>
  ) : (
    <ul
      aria-label={t("teams.invitations")}
      className="divide-line border-line bg-canvas flex flex-col divide-y rounded-2xl border"
    >
      {invitations.map((invitation) => {
        const isExpired = invitation.expiresAt.getTime() <= now;
        const isUsedUp = invitation.maxUses !== null && invitation.uses >= invitation.maxUses;
        const values = {
          role: t(`teams.role.${invitation.role}`),
          date: formatDate(invitation.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
        };
        return (
          <li
            key={invitation.id}
            aria-label={t("teams.invite.itemLabel", values)}
            className="flex flex-wrap items-center gap-3 px-5 py-3"
          >
            <div className="min-w-0 flex-1 text-sm">
              <p>{t("teams.invite.summary", values)}</p>
              <p className="text-ink-muted">
                {invitation.maxUses === null
                  ? t("teams.invite.usesUnlimited", { uses: invitation.uses })
                  : t("teams.invite.usesLimited", { uses: invitation.uses, max: invitation.maxUses })}
                {isExpired ? ` · ${t("teams.invite.expired")}` : null}
                {isUsedUp ? ` · ${t("teams.invite.usedUp")}` : null}
              </p>
            </div>
            <RevokeInvitationButton teamId={teamId} invitationId={invitation.id} />
          </li>
        );
      })}
    </ul>
  );
}
