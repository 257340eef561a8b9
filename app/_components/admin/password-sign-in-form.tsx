"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { SettingForm } from "./setting-form";

const isTickedIn = (form: FormData) => form.get("enabled") === "on";

type PasswordSignInFormProps = { enabled: boolean; canSignInWithProvider: boolean };

// Turning password sign-in off once single sign-on works; the README's recovery variable turns it back on. An admin
// with no identity at a provider would lock themselves out at their next sign-in: they are warned and must confirm.
export function PasswordSignInForm({ enabled, canSignInWithProvider }: PasswordSignInFormProps) {
  const { t } = useTranslator();
  const questionOf = (form: FormData) =>
    enabled && !isTickedIn(form) && !canSignInWithProvider
      ? {
          title: t("admin.sso.confirmPasswordOffTitle"),
          message: t("admin.sso.confirmPasswordOff"),
          confirmLabel: t("admin.sso.turnPasswordSignInOff"),
        }
      : null;
  return (
    <SettingForm
      url="/api/admin/password-sign-in"
      bodyOf={(form) => ({ enabled: isTickedIn(form) })}
      questionOf={questionOf}
      saveLabel={t("admin.sso.savePasswordSignIn")}
    >
      <ChoiceField type="checkbox" align="start" name="enabled" defaultChecked={enabled}>
        <span>{t("admin.sso.passwordSignIn")}</span>
      </ChoiceField>
      <p className="text-ink-muted text-xs">{t("admin.sso.passwordSignInHint")}</p>
    </SettingForm>
  );
}
