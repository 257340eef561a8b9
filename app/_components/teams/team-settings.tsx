"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { ActionButton } from "@/app/_components/ui/action-button";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";

// Renaming and deleting, for the team's owners.
export function TeamSettings({ team }: { team: { id: string; name: string } }) {
  const { t } = useTranslator();
  const router = useRouter();
  const rename = useFormOutcome();
  const removal = useConfirmedMutation();
  const teamUrl = `/api/teams/${team.id}`;

  async function handleRename(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    // The sidebar's "Shared with me" names its parts by team.
    if ((await rename.save({ url: teamUrl, method: "PATCH", body: { name } })) !== null) notifyConversationsChanged();
  }

  async function handleDelete(): Promise<void> {
    const question = {
      title: t("teams.confirmDeleteTitle"),
      message: t("teams.confirmDelete", { team: team.name }),
      confirmLabel: t("teams.delete"),
    };
    if ((await removal.runConfirmed(question, { url: teamUrl, method: "DELETE" })) === null) return;
    // The team's conversations leave the sidebar's "Shared with me" (they go back to their owners).
    notifyConversationsChanged();
    router.push("/teams");
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={(event) => void handleRename(event)} {...rename.formProps} className="flex flex-col gap-3">
        <FormAlert message={rename.error} />
        <FormField label={t("teams.name")} name="name" defaultValue={team.name} required maxLength={100} />
        <SaveButton
          label={t("teams.rename")}
          isPending={rename.isPending}
          isSaved={rename.isSaved}
          savedLabel={t("admin.saved")}
        />
      </form>
      <div className="border-line flex flex-wrap items-center justify-between gap-3 border-t pt-4">
        <p className="text-ink-muted text-sm">{t("teams.deleteHint")}</p>
        <ActionButton onClick={() => void handleDelete()} isPending={removal.isPending} isDanger>
          {t("teams.delete")}
        </ActionButton>
      </div>
      <FormAlert message={removal.error} />
      {removal.dialog}
    </div>
  );
}
