"use client";

import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { EmailField } from "./account-fields";

// Asks for a reset mail. The answer is the same whether or not the address has an account.
export function ForgotPasswordForm() {
  const { t } = useTranslator();
  const { run, error, isPending, formProps } = useFormOutcome({ refreshesPage: false });
  const [isSent, setIsSent] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "");
    if ((await run({ url: "/api/auth/forgot-password", method: "POST", body: { email } })) !== null) setIsSent(true);
  }

  return (
    <div className="flex flex-col gap-4">
      {isSent ? (
        <p role="status" className="text-sm">
          {t("forgotPassword.sent")}
        </p>
      ) : (
        <form onSubmit={(event) => void handleSubmit(event)} {...formProps} noValidate className="flex flex-col gap-4">
          <p className="text-ink-muted text-sm">{t("forgotPassword.explained")}</p>
          <EmailField defaultValue="" />
          <InlineAlert message={error} />
          <SubmitButton label={t("forgotPassword.submit")} isPending={isPending} />
        </form>
      )}
      <BackToSignIn hasFocus={isSent} />
    </div>
  );
}

// A form that gives way to its outcome takes the keyboard focus with it (to <body>, the top of the page): the way on,
// given as a ref, takes it instead once it is there.
export const focusOnArrival = (element: HTMLElement | null) => element?.focus();

export function BackToSignIn({ hasFocus = false }: { hasFocus?: boolean }) {
  const { t } = useTranslator();
  return (
    <p className="text-center text-sm">
      <Link
        ref={hasFocus ? focusOnArrival : undefined}
        href="/sign-in"
        className="font-medium underline underline-offset-4"
      >
        {t("forgotPassword.back")}
      </Link>
    </p>
  );
}
