"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { clearComposerDrafts } from "@/app/_components/chat";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function SignOutButton() {
  const { t } = useTranslator();
  const [isSigningOut, setIsSigningOut] = useState(false);

  async function handleClick(): Promise<void> {
    setIsSigningOut(true);
    // A shared computer: the next person in this tab must not find the user's unsent messages and files.
    clearComposerDrafts();
    await signOut({ callbackUrl: "/sign-in" });
  }

  return (
    <button
      type="button"
      onClick={() => void handleClick()}
      disabled={isSigningOut}
      className="text-ink-muted hover:bg-hover hover:text-ink shrink-0 rounded-lg px-2.5 py-1.5 text-xs disabled:opacity-60"
    >
      {t("sidebar.signOut")}
    </button>
  );
}
