"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { clearComposerDrafts } from "@/app/_components/drafts";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function SignOutButton() {
  const { t } = useTranslator();
  const [isSigningOut, setIsSigningOut] = useState(false);

  async function handleClick(): Promise<void> {
    setIsSigningOut(true);
    try {
      await signOut({ callbackUrl: "/sign-in" });
    } catch {
      // No answer: still signed in, with the drafts kept; the button can be pressed again.
      setIsSigningOut(false);
      return;
    }
    // A shared computer: the next person in this tab must not find the user's unsent messages and files. The page is
    // on its way to the sign-in page meanwhile.
    clearComposerDrafts();
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
