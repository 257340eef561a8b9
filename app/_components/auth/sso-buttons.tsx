"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";

export type SsoButton = { id: string; label: string };

// One button per OpenID provider the admin configured: next-auth sends the browser to the provider's login page.
export function SsoButtons({ providers, callbackUrl }: { providers: SsoButton[]; callbackUrl: string }) {
  const { t } = useTranslator();
  const [pendingId, setPendingId] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {providers.map((provider) => (
        <button
          key={provider.id}
          type="button"
          disabled={pendingId !== null}
          aria-busy={pendingId === provider.id}
          onClick={() => {
            setPendingId(provider.id);
            void signIn(provider.id, { callbackUrl });
          }}
          className="border-line hover:bg-hover rounded-xl border px-4 py-2.5 font-medium disabled:opacity-60"
        >
          {t("signIn.withProvider", { provider: provider.label })}
        </button>
      ))}
    </div>
  );
}
