import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { toSafeCallbackUrl } from "@/app/_components/auth/safe-callback-url";
import { SignInForm } from "@/app/_components/auth/sign-in-form";
import { SsoButtons } from "@/app/_components/auth/sso-buttons";
import { ssoErrorKey } from "@/app/_components/auth/sso-error";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { getTranslator } from "@/app/_i18n/server";
import { getSessionUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/db/users";
import { isPasswordSignInEnabled } from "@/lib/sso/password-sign-in";
import { listSsoButtons } from "@/lib/sso/sso-buttons";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.title") };
}

type SignInPageProps = {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; deleted?: string | string[] }>;
};

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { callbackUrl, error, deleted } = await searchParams;
  const safeCallbackUrl = toSafeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await getSessionUser()) redirect(safeCallbackUrl);
  const { t } = await getTranslator();
  // A fresh install's first visitor lands here: greet them as new and point them to the first (admin) account.
  const isFreshInstall = !(await hasAnyUser());
  return (
    <>
      <h1 className="mb-6 text-center text-xl font-semibold">
        {t(isFreshInstall ? "signIn.firstHeading" : "signIn.heading")}
      </h1>
      {isFreshInstall ? (
        <p className="border-line bg-sidebar mb-4 rounded-xl border px-3.5 py-2.5 text-sm">{t("signIn.firstNote")}</p>
      ) : null}
      {/* Where "Delete my account" ends: said, so that nobody wonders whether it worked. */}
      {deleted === "1" && !isFreshInstall ? (
        <p role="status" className="border-line bg-sidebar mb-4 rounded-xl border px-3.5 py-2.5 text-sm">
          {t("signIn.accountDeleted")}
        </p>
      ) : null}
      <SsoSection callbackUrl={safeCallbackUrl} error={typeof error === "string" ? error : undefined} />
      {(await isPasswordSignInEnabled()) ? (
        <SignInForm callbackUrl={safeCallbackUrl} />
      ) : (
        <p className="text-ink-muted text-center text-sm">{t("signIn.passwordOff")}</p>
      )}
    </>
  );
}

/** The buttons of the OpenID providers, and why an SSO sign-in that came back here did not sign anyone in. */
async function SsoSection({ callbackUrl, error }: { callbackUrl: string; error: string | undefined }) {
  const { t } = await getTranslator();
  const providers = await listSsoButtons();
  const errorKey = ssoErrorKey(error);
  return (
    <div className="mb-4 flex flex-col gap-4">
      {errorKey ? <FormAlert message={t(errorKey)} /> : null}
      <SsoButtons providers={providers} callbackUrl={callbackUrl} />
      {providers.length > 0 ? <p className="text-ink-muted text-center text-sm">{t("signIn.or")}</p> : null}
    </div>
  );
}
