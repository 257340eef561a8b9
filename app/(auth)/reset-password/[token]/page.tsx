import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { BackToSignIn } from "@/app/_components/auth/forgot-password-form";
import { ResetPasswordForm } from "@/app/_components/auth/reset-password-form";
import { getTranslator } from "@/app/_i18n/server";
import { describeResetLink } from "@/lib/accounts/password-reset";
import { isMailConfigured } from "@/lib/mail/mailer";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  // The token is a secret: no referrer carries it to another site, and no search engine keeps the page.
  return { title: t("passwordReset.title"), robots: { index: false }, referrer: "no-referrer" };
}

type ResetPasswordPageProps = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: ResetPasswordPageProps) {
  await connection();
  const { token } = await params;
  const { t } = await getTranslator();
  const link = await describeResetLink(token);
  const canMailLink = isMailConfigured();
  return (
    <>
      <h1 className="mb-6 text-center text-xl font-semibold">{t("passwordReset.heading")}</h1>
      {link ? (
        <ResetPasswordForm token={token} email={link.email} />
      ) : (
        <div className="flex flex-col gap-4">
          {/* Where no mail can be sent, only an admin can make a new link: say so rather than "ask for a new one". */}
          <p role="alert" className="text-sm">
            {t(canMailLink ? "passwordReset.invalid" : "passwordReset.invalidAskAdmin")}
          </p>
          {/* The new link the page asks for is one click away, not behind the sign-in page's "Forgot password?". */}
          {canMailLink ? (
            <Link href="/forgot-password" className="bg-ink text-canvas rounded-xl px-4 py-2.5 text-center font-medium">
              {t("passwordReset.askAgain")}
            </Link>
          ) : null}
          <BackToSignIn />
        </div>
      )}
    </>
  );
}
