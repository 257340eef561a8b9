"use client";

import { signIn } from "next-auth/react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CARD } from "./profile-form";

export type LinkableProvider = { id: string; label: string; isLinked: boolean };

// Single sign-on providers this account signs in with, and a way to add one: signing in at the provider while
// signed in here joins that identity to this account.
export function LinkedSignIns({ providers }: { providers: LinkableProvider[] }) {
  const { t } = useTranslator();
  if (providers.length === 0) return null;
  return (
    <div className={CARD}>
      <h3 className="font-medium">{t("accountSettings.signIns")}</h3>
      <ul className="flex flex-col gap-2">
        {providers.map((provider) => (
          <li key={provider.id} className="flex items-center justify-between gap-2 text-sm">
            <span>{provider.label}</span>
            {provider.isLinked ? (
              <span className="text-ink-muted">{t("accountSettings.linked")}</span>
            ) : (
              <button
                type="button"
                onClick={() => void signIn(provider.id, { callbackUrl: "/settings" })}
                className="border-line hover:bg-hover rounded-lg border px-3 py-1.5 font-medium"
              >
                {t("accountSettings.link", { provider: provider.label })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
