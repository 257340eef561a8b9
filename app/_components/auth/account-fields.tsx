"use client";

import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";

// The fields the sign-in and registration forms share; autocomplete tells password managers what each one is.
export function EmailField({ defaultValue, error }: { defaultValue: string; error?: string }) {
  const { t } = useTranslator();
  return (
    <FormField
      label={t("account.email")}
      name="email"
      type="email"
      autoComplete="email"
      required
      defaultValue={defaultValue}
      error={error}
    />
  );
}

type PasswordFieldProps = { isNew: boolean; hint?: string; error?: string };

/** `isNew`: a password being chosen (at least 8 characters), not one being typed to sign in. */
export function PasswordField({ isNew, hint, error }: PasswordFieldProps) {
  const { t } = useTranslator();
  return (
    <FormField
      label={t("account.password")}
      name="password"
      type="password"
      autoComplete={isNew ? "new-password" : "current-password"}
      required
      minLength={isNew ? 8 : undefined}
      hint={hint}
      error={error}
    />
  );
}
