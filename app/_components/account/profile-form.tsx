"use client";

import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { FormField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CurrentPasswordField } from "./current-password-field";

export const CARD = "rounded-2xl border border-line p-5 flex flex-col gap-4";

// Name and email. A new email is where reset links go, so changing it asks for the current password; an account
// without one (single sign-on only) keeps its email until a password is set.
export function ProfileForm({ name, email, hasPassword }: { name: string; email: string; hasPassword: boolean }) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome();
  const [newEmail, setNewEmail] = useState(email);
  const isEmailChanged = newEmail.trim().toLowerCase() !== email.toLowerCase();

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      name: String(form.get("name") ?? ""),
      email: newEmail,
      ...(isEmailChanged ? { currentPassword: String(form.get("currentPassword") ?? "") } : {}),
    };
    await save({ url: "/api/account", method: "PATCH", body });
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className={CARD}>
      <h3 className="font-medium">{t("accountSettings.profile")}</h3>
      <FormField label={t("account.name")} name="name" autoComplete="name" required defaultValue={name} />
      <FormField
        label={t("account.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={newEmail}
        onChange={(event) => setNewEmail(event.target.value)}
        readOnly={!hasPassword}
        hint={hasPassword ? undefined : t("accountSettings.emailNeedsPasswordFirst")}
      />
      {isEmailChanged ? <CurrentPasswordField hint={t("accountSettings.emailNeedsPassword")} /> : null}
      <InlineAlert message={error} />
      <SaveButton label={t("common.save")} isPending={isPending} isSaved={isSaved} savedLabel={t("admin.saved")} />
    </form>
  );
}
