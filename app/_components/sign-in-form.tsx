"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { FormAlert } from "./form-alert";
import { FormField } from "./form-field";
import { SubmitButton } from "./submit-button";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useTranslator();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => undefined);
    if (!result?.ok || result.error) {
      setIsPending(false);
      setError(t(result?.error === "DatabaseUnavailable" ? "signIn.databaseUnavailable" : "signIn.invalidCredentials"));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <FormField label={t("account.email")} name="email" type="email" autoComplete="email" required />
      <FormField
        label={t("account.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <SubmitButton label={t("signIn.submit")} isPending={isPending} />
      <p className="text-center text-ink-muted text-sm">
        {t("signIn.newHere")}{" "}
        <Link href="/register" className="font-medium text-ink underline underline-offset-4">
          {t("signIn.createAccount")}
        </Link>
      </p>
    </form>
  );
}
