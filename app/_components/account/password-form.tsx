"use client";

import type { FormEvent } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CurrentPasswordField } from "./current-password-field";
import { CARD } from "./profile-form";

// A new password, given the current one. Signing the other devices out is checked by default: a password is
// usually changed because somebody else might know it.
export function PasswordForm() {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome({ refreshesPage: false });

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      signOutOtherDevices: form.get("signOutOtherDevices") === "on",
    };
    // Emptied once changed; a reset is no change of a field, so "Password changed." stays.
    if ((await save({ url: "/api/account/password", method: "POST", body })) !== null) formElement.reset();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={CARD}>
      <h3 className="font-medium">{t("accountSettings.password")}</h3>
      <CurrentPasswordField />
      <FormField
        label={t("accountSettings.newPassword")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={8}
        required
        hint={t("register.passwordHint")}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="signOutOtherDevices" defaultChecked className="size-4" />
        {t("accountSettings.signOutOthers")}
      </label>
      <InlineAlert message={error} />
      <SaveButton
        label={t("accountSettings.changePassword")}
        isPending={isPending}
        isSaved={isSaved}
        savedLabel={t("accountSettings.passwordChanged")}
      />
    </form>
  );
}
