"use client";

import Link from "next/link";
import { type RefObject, useActionState, useEffect, useRef } from "react";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { SubmitButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type RegisterState, registerAction } from "@/app/(auth)/_actions/register-action";
import { EmailField, PasswordField } from "./account-fields";
import { describeRegisterFailure, type RegisterFailure, type RegisterField } from "./register-failure";

const NOT_TRIED: RegisterState = { error: null, name: "", email: "" };
const NO_FAILURE: RegisterFailure = { message: "", fieldErrors: {} };

// The form posts to a server action, with or without the page's JavaScript: the password never goes in a URL.
// With an invitation's token, the new account joins that team (even under the closed policy) and lands there.
export function RegisterForm({ invitation }: { invitation?: string }) {
  const translator = useTranslator();
  const { t } = translator;
  const [state, formAction, isPending] = useActionState(registerAction, NOT_TRIED);
  const failure = state.error ? describeRegisterFailure(state.error, translator) : NO_FAILURE;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state, failure);

  return (
    <form ref={formRef} action={formAction} noValidate className="flex flex-col gap-4">
      <FormAlert message={failure.message || null} />
      {invitation ? <input type="hidden" name="invitation" value={invitation} /> : null}
      <FormField
        label={t("account.name")}
        name="name"
        autoComplete="name"
        required
        defaultValue={state.name}
        error={failure.fieldErrors.name}
      />
      <EmailField defaultValue={state.email} error={failure.fieldErrors.email} />
      <PasswordField isNew hint={t("register.passwordHint")} error={failure.fieldErrors.password} />
      <SubmitButton label={t("register.submit")} isPending={isPending} />
      <p className="text-ink-muted text-center text-sm">
        {t("register.haveAccount")}{" "}
        <Link
          href={invitation ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invitation}`)}` : "/sign-in"}
          className="text-ink font-medium underline underline-offset-4"
        >
          {t("signIn.submit")}
        </Link>
      </p>
    </form>
  );
}

const FIELD_ORDER: RegisterField[] = ["name", "email", "password"];

// After a refused try the alert is announced, and the keyboard goes to the first field to correct (the password when
// no field is named: React has reset it by then), as the sign-in form does; the focus would otherwise stay on the
// button, below the field that says what is wrong.
function useFocusAfterRefusal(
  formRef: RefObject<HTMLFormElement | null>,
  state: RegisterState,
  failure: RegisterFailure,
): void {
  const fieldToCorrect = FIELD_ORDER.find((field) => failure.fieldErrors[field]) ?? "password";
  useEffect(() => {
    const field = formRef.current?.elements.namedItem(fieldToCorrect);
    if (!state.error || !(field instanceof HTMLInputElement)) return;
    field.focus();
    field.select();
  }, [formRef, state, fieldToCorrect]);
}
