"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { SettingForm } from "./setting-form";

const bodyOf = (form: FormData) => ({ enabled: form.get("enabled") === "on" });

// Turning password sign-in off once single sign-on works; the README's recovery variable turns it back on.
export function PasswordSignInForm({ enabled }: { enabled: boolean }) {
  const { t } = useTranslator();
  return (
    <SettingForm url="/api/admin/password-sign-in" bodyOf={bodyOf} saveLabel={t("admin.sso.savePasswordSignIn")}>
      <ChoiceField type="checkbox" align="start" name="enabled" defaultChecked={enabled}>
        <span>{t("admin.sso.passwordSignIn")}</span>
      </ChoiceField>
      <p className="text-ink-muted text-xs">{t("admin.sso.passwordSignInHint")}</p>
    </SettingForm>
  );
}
