"use client";

import { type FormEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { FormAlert } from "../form-alert";
import { SaveButton } from "../submit-button";
import { useAdminAction } from "./use-admin-action";

// The admin's switch for public share links, beside the registration policy.
export function PublicShareLinksForm({ enabled }: { enabled: boolean }) {
  const { t } = useTranslator();
  const { run, error, isPending } = useAdminAction();
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const isChecked = new FormData(event.currentTarget).get("enabled") === "on";
    const result = await run({ url: "/api/admin/public-links", method: "PUT", body: { enabled: isChecked } });
    setSaved(result !== null);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("admin.publicLinks.legend")}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={enabled} className="mt-1 accent-ink" />
          <span>{t("admin.publicLinks.enabled")}</span>
        </label>
      </fieldset>
      <p className="text-ink-muted text-xs">{t("admin.publicLinks.description")}</p>
      <SaveButton
        label={t("admin.publicLinks.save")}
        isPending={isPending}
        isSaved={saved}
        savedLabel={t("admin.saved")}
      />
    </form>
  );
}
