import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Waiting for approval" };

// The only page an account awaiting approval can see. Once an admin approves it, the next visit goes to the chat.
export default async function WaitingPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.status === "ACTIVE") redirect("/");
  return (
    <div className="flex flex-col items-center gap-4 text-center">
      <h1 className="font-semibold text-xl">Waiting for approval</h1>
      <p className="text-ink-muted text-sm">
        Your account ({user.email}) was created. An admin needs to approve it before you can chat. Come back later or
        reload this page.
      </p>
      <SignOutButton />
    </div>
  );
}
