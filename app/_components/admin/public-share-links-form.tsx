"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
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
        <ChoiceField type="checkbox" align="start" name="enabled" defaultChecked={enabled}>
          <span>{t("admin.publicLinks.enabled")}</span>
        </ChoiceField>
      </fieldset>
      <p className="text-ink-muted text-xs">{t("admin.publicLinks.description")}</p>
    </SettingForm>
  );
}
