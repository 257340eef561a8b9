"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { PasswordField } from "./account-fields";
import { focusOnArrival } from "./forgot-password-form";

// Sets the new password with the link's token; the link is spent, and every session of the account ends.
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { t } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome({ refreshesPage: false });
  const [isDone, setIsDone] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const body = { token, password };
    if ((await run({ url: "/api/auth/password-reset", method: "POST", body })) !== null) setIsDone(true);
  }

  if (isDone) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="text-sm">
          {t("passwordReset.done")}
        </p>
        <Link
          ref={focusOnArrival}
          href="/sign-in"
          className="bg-ink text-canvas rounded-xl px-4 py-2.5 text-center font-medium"
        >
          {t("passwordReset.signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} noValidate className="flex flex-col gap-4">
      <p className="text-ink-muted text-sm">{t("passwordReset.for", { email })}</p>
      <PasswordField isNew hint={t("register.passwordHint")} />
      <InlineAlert message={error} />
      <SubmitButton label={t("passwordReset.submit")} isPending={isPending} />
    </form>
  );
}
