"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ActionButton } from "../admin/provider-card";
import { useAdminAction } from "../admin/use-admin-action";
import { useConfirmDialog } from "../confirm-dialog";
import { FormAlert } from "../form-alert";
import { FormField } from "../form-field";
import { SaveButton } from "../submit-button";

// Renaming and deleting, for the team's owners.
export function TeamSettings({ team }: { team: { id: string; name: string } }) {
  const { t } = useTranslator();
  const router = useRouter();
  const rename = useAdminAction();
  const removal = useAdminAction();
  const { confirm, dialog } = useConfirmDialog();
  const [saved, setSaved] = useState(false);
  const teamUrl = `/api/teams/${team.id}`;

  async function handleRename(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const name = String(new FormData(event.currentTarget).get("name") ?? "");
    setSaved((await rename.run({ url: teamUrl, method: "PATCH", body: { name } })) !== null);
  }

  async function handleDelete(): Promise<void> {
    const isConfirmed = await confirm({
      title: t("teams.confirmDeleteTitle"),
      message: t("teams.confirmDelete", { team: team.name }),
      confirmLabel: t("teams.delete"),
    });
    if (!isConfirmed) return;
    if ((await removal.run({ url: teamUrl, method: "DELETE" })) !== null) router.push("/teams");
  }

  return (
    <div className="flex flex-col gap-5">
      <form onSubmit={(event) => void handleRename(event)} className="flex flex-col gap-3">
        <FormAlert message={rename.error} />
        <FormField label={t("teams.name")} name="name" defaultValue={team.name} required maxLength={100} />
        <SaveButton
          label={t("teams.rename")}
          isPending={rename.isPending}
          isSaved={saved}
          savedLabel={t("admin.saved")}
        />
      </form>
      <div className="flex flex-wrap items-center justify-between gap-3 border-line border-t pt-4">
        <p className="text-ink-muted text-sm">{t("teams.deleteHint")}</p>
        <ActionButton onClick={() => void handleDelete()} disabled={removal.isPending} isDanger>
          {t("teams.delete")}
        </ActionButton>
      </div>
      <FormAlert message={removal.error} />
      {dialog}
    </div>
  );
}
