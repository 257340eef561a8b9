"use client";

import { useRef } from "react";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { focusNeighbourRow } from "@/app/_components/ui/focus-after-removal";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function RevokeInvitationButton({ teamId, invitationId }: { teamId: string; invitationId: string }) {
  const { t } = useTranslator();
  const { runConfirmed, error, isPending, dialog } = useConfirmedMutation();
  const buttonRef = useRef<HTMLButtonElement>(null);

  async function revoke(): Promise<void> {
    const question = {
      title: t("teams.invite.confirmRevokeTitle"),
      message: t("teams.invite.confirmRevoke"),
      confirmLabel: t("teams.invite.revoke"),
    };
    const url = `/api/teams/${teamId}/invitations/${invitationId}`;
    // The row leaves with the refreshed page: the keyboard goes on from the next link's button.
    if ((await runConfirmed(question, { url, method: "DELETE" })) !== null && buttonRef.current) {
      focusNeighbourRow(buttonRef.current);
    }
  }

  return (
    <RowActions error={error}>
      <ActionButton ref={buttonRef} onClick={() => void revoke()} isPending={isPending} isDanger>
        {t("teams.invite.revoke")}
      </ActionButton>
      {dialog}
    </RowActions>
  );
}
