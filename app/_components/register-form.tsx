"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { type RegisterFailure, type RegisterInput, requestRegistration } from "./register-request";
import { SubmitButton } from "./submit-button";

const NO_FAILURE: RegisterFailure = { message: "", fieldErrors: {} };

// With an invitation's token, the new account joins that team (even under the invite-only policy) and lands there.
export function RegisterForm({ invitation }: { invitation?: string }) {
  const translator = useTranslator();
  const { t } = translator;
  const router = useRouter();
  const [failure, setFailure] = useState<RegisterFailure>(NO_FAILURE);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = { ...readInput(new FormData(event.currentTarget)), invitation };
    setIsPending(true);
    setFailure(NO_FAILURE);
    const registrationFailure = await requestRegistration(input, translator);
    if (registrationFailure) {
      setIsPending(false);
      setFailure(registrationFailure);
      return;
    }
    const result = await signIn("credentials", { ...pickCredentials(input), redirect: false }).catch(() => undefined);
    // The account exists even if signing in fails (e.g. it awaits approval); the sign-in page explains the rest.
    const home = invitation ? "/teams" : "/";
    router.push(result?.ok && !result.error ? home : "/sign-in");
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={failure.message || null} />
      <FormField label={t("account.name")} name="name" autoComplete="name" required error={failure.fieldErrors.name} />
      <FormField
        label={t("account.email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        error={failure.fieldErrors.email}
      />
      <FormField
        label={t("account.password")}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        hint={t("register.passwordHint")}
        error={failure.fieldErrors.password}
      />
      <SubmitButton label={t("register.submit")} isPending={isPending} />
      <p className="text-center text-ink-muted text-sm">
        {t("register.haveAccount")}{" "}
        <Link
          href={invitation ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${invitation}`)}` : "/sign-in"}
          className="font-medium text-ink underline underline-offset-4"
        >
          {t("signIn.submit")}
        </Link>
      </p>
    </form>
  );
}

function readInput(form: FormData): RegisterInput {
  return {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
}

function pickCredentials({ email, password }: RegisterInput) {
  return { email, password };
}
