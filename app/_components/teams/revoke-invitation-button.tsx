"use client";

import { useMutation } from "@/app/_components/api/use-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { useConfirmDialog } from "@/app/_components/ui/confirm-dialog";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function RevokeInvitationButton({ teamId, invitationId }: { teamId: string; invitationId: string }) {
  const { t } = useTranslator();
  const { run, error, isPending } = useMutation();
  const { confirm, dialog } = useConfirmDialog();

  async function revoke(): Promise<void> {
    const isConfirmed = await confirm({
      title: t("teams.invite.confirmRevokeTitle"),
      message: t("teams.invite.confirmRevoke"),
      confirmLabel: t("teams.invite.revoke"),
    });
    if (isConfirmed) await run({ url: `/api/teams/${teamId}/invitations/${invitationId}`, method: "DELETE" });
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
