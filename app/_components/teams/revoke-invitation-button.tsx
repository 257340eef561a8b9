"use client";

import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function RevokeInvitationButton({ teamId, invitationId }: { teamId: string; invitationId: string }) {
  const { t } = useTranslator();
  const { runConfirmed, error, isPending, dialog } = useConfirmedMutation();

  async function revoke(): Promise<void> {
    const question = {
      title: t("teams.invite.confirmRevokeTitle"),
      message: t("teams.invite.confirmRevoke"),
      confirmLabel: t("teams.invite.revoke"),
    };
    await runConfirmed(question, { url: `/api/teams/${teamId}/invitations/${invitationId}`, method: "DELETE" });
  }

  return (
    <RowActions error={error}>
      <ActionButton onClick={() => void revoke()} disabled={isPending} isDanger>
        {t("teams.invite.revoke")}
      </ActionButton>
      {dialog}
    </RowActions>
  );
}
