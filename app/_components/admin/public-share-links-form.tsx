"use client";

import { FormAlert } from "@/app/_components/ui/form-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { useSettingForm } from "./use-setting-form";

// The admin's switch for public share links, beside the registration policy.
export function PublicShareLinksForm({ enabled }: { enabled: boolean }) {
  const { t } = useTranslator();
  const { onSubmit, error, isPending, isSaved } = useSettingForm("/api/admin/public-links", (form) => ({
    enabled: form.get("enabled") === "on",
  }));

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <FormAlert message={error} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("admin.publicLinks.legend")}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={enabled} className="accent-ink mt-1" />
          <span>{t("admin.publicLinks.enabled")}</span>
        </label>
      </fieldset>
      <p className="text-ink-muted text-xs">{t("admin.publicLinks.description")}</p>
      <SaveButton
        label={t("admin.publicLinks.save")}
        isPending={isPending}
        isSaved={isSaved}
        savedLabel={t("admin.saved")}
      />
    </form>
  );
}
