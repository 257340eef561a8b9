"use client";

import Link from "next/link";
import { type RefObject, useActionState, useEffect, useRef } from "react";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type SignInState, signInAction } from "@/app/(auth)/_actions/sign-in-action";
import { EmailField, PasswordField } from "./account-fields";

const NOT_TRIED: SignInState = { isRejected: false, email: "" };

function rejectionMessage(state: SignInState, t: Translator["t"]): string | null {
  if (state.isDatabaseUnavailable) return t("signIn.databaseUnavailable");
  if (state.isDisabled) return t("signIn.accountDisabled");
  if (state.isPasswordSignInOff) return t("signIn.passwordOff");
  if (state.retryInMinutes !== undefined) return t("signIn.tooManyAttempts", { count: state.retryInMinutes });
  return state.isRejected ? t("signIn.invalidCredentials") : null;
}

// The form posts to a server action, with or without the page's JavaScript: the password never goes in a URL.
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useTranslator();
  const [state, formAction, isPending] = useActionState(signInAction, NOT_TRIED);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRejection(formRef, state);

  return (
    <form ref={formRef} action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={rejectionMessage(state, t)} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <EmailField defaultValue={state.email} />
      <PasswordField isNew={false} />
      <Link href="/forgot-password" className="text-ink-muted -mt-2 self-end text-sm underline underline-offset-4">
        {t("signIn.forgotPassword")}
      </Link>
      <SubmitButton label={t("signIn.submit")} isPending={isPending} />
      <p className="text-ink-muted text-center text-sm">
        {t("signIn.newHere")}{" "}
        <Link href="/register" className="text-ink font-medium underline underline-offset-4">
          {t("signIn.createAccount")}
        </Link>
      </p>
    </form>
  );
}

// After a refused try the alert is announced, and the keyboard goes back to the field to correct: the password (the
// email when there was none). React has reset the form by then, so the password is empty.
function useFocusAfterRejection(formRef: RefObject<HTMLFormElement | null>, state: SignInState): void {
  useEffect(() => {
    const form = formRef.current;
    if (!form || !state.isRejected) return;
    const field = form.elements.namedItem(state.email ? "password" : "email");
    if (!(field instanceof HTMLInputElement)) return;
    field.focus();
    field.select();
  }, [formRef, state]);
}
