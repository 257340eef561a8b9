"use client";

import { useTranslator } from "@/app/_i18n/translator-provider";
import { SettingForm } from "./setting-form";

const bodyOf = (form: FormData) => ({ enabled: form.get("enabled") === "on" });

// The admin's switch for public share links, beside the registration policy.
export function PublicShareLinksForm({ enabled }: { enabled: boolean }) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/public-links" bodyOf={bodyOf} saveLabel={t("admin.publicLinks.save")}>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 font-medium">{t("admin.publicLinks.legend")}</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={enabled} className="accent-ink mt-1" />
          <span>{t("admin.publicLinks.enabled")}</span>
        </label>
      </fieldset>
      <p className="text-ink-muted text-xs">{t("admin.publicLinks.description")}</p>
    </SettingForm>
  );
}
