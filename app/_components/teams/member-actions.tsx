"use client";

import { useRouter } from "next/navigation";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { TeamRole } from "@/lib/db/client";
import { ActionButton } from "../admin/provider-card";
import { useAdminAction } from "../admin/use-admin-action";

const ROLES: TeamRole[] = ["OWNER", "EDITOR", "VIEWER"];

type MemberActionsProps = {
  team: { id: string; name: string };
  member: { userId: string; name: string; role: TeamRole };
  isSelf: boolean;
  canManage: boolean;
};

// An owner changes anyone's role and removes anyone; every member may leave. The server keeps the last owner.
export function MemberActions({ team, member, isSelf, canManage }: MemberActionsProps) {
  const { t } = useTranslator();
  const router = useRouter();
  const { run, error, isPending } = useAdminAction();
  const memberUrl = `/api/teams/${team.id}/members/${member.userId}`;

  async function remove(): Promise<void> {
    const question = isSelf
      ? t("teams.confirmLeave", { team: team.name })
      : t("teams.confirmRemove", { name: member.name });
    if (!window.confirm(question)) return;
    const removed = await run({ url: memberUrl, method: "DELETE" });
    if (removed !== null && isSelf) router.push("/teams");
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {canManage ? (
          <select
            aria-label={t("teams.memberRole", { name: member.name })}
            value={member.role}
            disabled={isPending}
            onChange={(event) => void run({ url: memberUrl, method: "PATCH", body: { role: event.target.value } })}
            className="rounded-lg border border-line bg-canvas px-2 py-1.5 text-sm"
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`teams.role.${role}`)}
              </option>
            ))}
          </select>
        ) : (
          <span className="text-ink-muted text-sm">{t(`teams.role.${member.role}`)}</span>
        )}
        {isSelf || canManage ? (
          <ActionButton onClick={() => void remove()} disabled={isPending} isDanger>
            {isSelf ? t("teams.leave") : t("teams.remove")}
          </ActionButton>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-danger text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
