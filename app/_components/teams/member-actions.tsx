"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { focusNeighbourRow } from "@/app/_components/ui/focus-after-removal";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { TeamRole } from "@/lib/db/client";

const ROLES: TeamRole[] = ["OWNER", "EDITOR", "VIEWER"];

type MemberActionsProps = {
  team: { id: string; name: string };
  member: { userId: string; name: string; role: TeamRole };
  isSelf: boolean;
  canManage: boolean;
  /** The team's only owner: they cannot leave (the server refuses), so they are told why before being asked. */
  isLastOwner: boolean;
};

// An owner changes anyone's role and removes anyone; every member may leave. The server keeps the last owner.
export function MemberActions({ team, member, isSelf, canManage, isLastOwner }: MemberActionsProps) {
  const { t } = useTranslator();
  const router = useRouter();
  const { run, runConfirmed, error, isPending, dialog } = useConfirmedMutation();
  const [isExplainingLastOwner, setIsExplainingLastOwner] = useState(false);
  const removeButtonRef = useRef<HTMLButtonElement>(null);
  const memberUrl = `/api/teams/${team.id}/members/${member.userId}`;

  async function remove(): Promise<void> {
    if (isSelf && isLastOwner) {
      setIsExplainingLastOwner(true);
      return;
    }
    const question = isSelf
      ? {
          title: t("teams.confirmLeaveTitle"),
          message: t("teams.confirmLeave", { team: team.name }),
          confirmLabel: t("teams.leave"),
        }
      : {
          title: t("teams.confirmRemoveTitle"),
          message: t("teams.confirmRemove", { name: member.name }),
          confirmLabel: t("teams.remove"),
        };
    const removed = await runConfirmed(question, { url: memberUrl, method: "DELETE" });
    if (removed === null) return;
    // The sidebar's "Shared with me" loses the team's conversations (leaving) or the member's (removing) at once.
    notifyConversationsChanged();
    if (isSelf) router.push("/teams");
    // The row leaves with the refreshed page: the keyboard goes on from the next member's same button.
    else if (removeButtonRef.current) focusNeighbourRow(removeButtonRef.current);
  }

  return (
    <RowActions error={error}>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {canManage ? (
          <select
            aria-label={t("teams.memberRole", { name: member.name })}
            value={member.role}
            // Not disabled while the change is sent, which would drop the focus to the page: changes wait instead.
            aria-disabled={isPending || undefined}
            onChange={(event) => {
              if (!isPending) void run({ url: memberUrl, method: "PATCH", body: { role: event.target.value } });
            }}
            className="border-line bg-canvas rounded-lg border px-2 py-1.5 text-sm"
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
          <ActionButton ref={removeButtonRef} onClick={() => void remove()} isPending={isPending} isDanger>
            {isSelf ? t("teams.leave") : t("teams.remove")}
          </ActionButton>
        ) : null}
      </div>
      {dialog}
      <ModalDialog
        isOpen={isExplainingLastOwner}
        onClose={() => setIsExplainingLastOwner(false)}
        title={t("teams.lastOwnerTitle", { team: team.name })}
        width="narrow"
      >
        <p className="text-ink-muted mt-2 text-sm">{t("teams.lastOwner")}</p>
        <div className="mt-6 flex justify-end">
          <button
            type="button"
            onClick={() => setIsExplainingLastOwner(false)}
            className="bg-ink text-canvas rounded-lg px-4 py-2 text-sm font-medium hover:opacity-90"
          >
            {t("common.close")}
          </button>
        </div>
      </ModalDialog>
    </RowActions>
  );
}
