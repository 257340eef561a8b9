import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { toSafeCallbackUrl } from "@/app/_components/safe-callback-url";
import { SignInForm } from "@/app/_components/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

type SignInPageProps = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const { callbackUrl } = await searchParams;
  const safeCallbackUrl = toSafeCallbackUrl(typeof callbackUrl === "string" ? callbackUrl : undefined);
  if (await getSessionUser()) redirect(safeCallbackUrl);
  return (
    <>
      <h1 className="mb-6 text-center font-semibold text-xl">Welcome back</h1>
      <SignInForm callbackUrl={safeCallbackUrl} />
    </>
  );
}
