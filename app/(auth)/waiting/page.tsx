import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_components/auth/sign-out-button";
import { getTranslator } from "@/app/_i18n/server";
import { getSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("waiting.title") };
}

// The only page an account awaiting approval can see. Once an admin approves it, the next visit goes to the chat.
export default async function WaitingPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.status === "ACTIVE") redirect("/");
  const { t } = await getTranslator();
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      <h1 className="text-xl font-semibold">{t("waiting.title")}</h1>
      <p className="text-ink-muted text-sm">{t("waiting.text", { email: user.email })}</p>

      <SignOutButton />
    </div>
  );
}
