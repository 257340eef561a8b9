import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { toSafeCallbackUrl } from "@/app/_components/auth/safe-callback-url";
import { SignInForm } from "@/app/_components/auth/sign-in-form";
import { getTranslator } from "@/app/_i18n/server";
import { getSessionUser } from "@/lib/auth/session";
import { hasAnyUser } from "@/lib/db/users";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("signIn.title") };
}

type SignInPageProps = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { callbackUrl } = await searchParams;
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
      <SignInForm callbackUrl={safeCallbackUrl} />
    </>
  );
}
