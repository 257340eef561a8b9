import type { Metadata } from "next";
import { BackToSignIn, ForgotPasswordForm } from "@/app/_components/auth/forgot-password-form";
import { getTranslator } from "@/app/_i18n/server";
import { isMailConfigured } from "@/lib/mail/mailer";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("forgotPassword.title") };
}

// With mail, a reset link by mail; without it, the way back in is a link from an admin.
export default async function ForgotPasswordPage() {
  const { t } = await getTranslator();
  return (
    <>
      <h1 className="mb-6 text-center text-xl font-semibold">{t("forgotPassword.heading")}</h1>
      {isMailConfigured() ? (
        <ForgotPasswordForm />
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-sm">{t("forgotPassword.askAdmin")}</p>
          <BackToSignIn />
        </div>
      )}
    </>
  );
}
