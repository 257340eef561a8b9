"use client";

import { useState } from "react";
import { useConfirmedMutation } from "@/app/_components/api/use-confirmed-mutation";
import { ActionButton } from "@/app/_components/ui/action-button";
import { RowActions } from "@/app/_components/ui/row-actions";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { DeletedWhileEditingNotice } from "./deleted-while-editing";
import { PasswordSignInForm } from "./password-sign-in-form";
import { SsoProviderEditForm, type SsoProviderView } from "./sso-provider-edit-form";
import { SsoProviderForm } from "./sso-provider-form";

type TeamOption = { id: string; name: string };

// Single sign-on: the OpenID providers whose buttons the sign-in page shows, and the form that adds one.
type SsoProvidersSectionProps = {
  providers: SsoProviderView[];
  teams: TeamOption[];
  callbackBase: string;
  isPasswordSignInEnabled: boolean;
  /** Whether the acting admin has an identity of a configured provider: a way in without their password. */
  canSignInWithProvider: boolean;
};

export function SsoProvidersSection({
  providers,
  teams,
  callbackBase,
  isPasswordSignInEnabled,
  canSignInWithProvider,
}: SsoProvidersSectionProps) {
  const { t } = useTranslator();
  return (
    <div className="flex flex-col gap-4">
      <h2 className="text-lg font-medium">{t("admin.sso.title")}</h2>
      <p className="text-ink-muted text-sm">{t("admin.sso.explained", { callback: `${callbackBase}/sso-…` })}</p>
      {providers.length === 0 ? <p className="text-sm">{t("admin.sso.none")}</p> : null}
      <DeletedWhileEditingNotice>
        <ul className="flex flex-col gap-2">
          {providers.map((provider) => (
            <SsoProviderRow key={provider.id} provider={provider} teams={teams} />
          ))}
        </ul>
      </DeletedWhileEditingNotice>
      <SsoProviderForm teams={teams} />
      {providers.length > 0 || !isPasswordSignInEnabled ? (
        <PasswordSignInForm enabled={isPasswordSignInEnabled} canSignInWithProvider={canSignInWithProvider} />
      ) : null}
    </div>
  );
}

function SsoProviderRow({ provider, teams }: { provider: SsoProviderView; teams: TeamOption[] }) {
  const { t } = useTranslator();
  const [isEditing, setIsEditing] = useState(false);
  const { runConfirmed, error, isPending, dialog } = useConfirmedMutation();
  const remove = () =>
    runConfirmed(
      {
        title: t("admin.sso.confirmDeleteTitle"),
        message: t("admin.sso.confirmDelete", { label: provider.label }),
        confirmLabel: t("admin.delete"),
      },
      { url: `/api/admin/sso-providers/${provider.id}`, method: "DELETE" },
    );
  return (
    <li
      aria-label={provider.label}
      className="border-line flex flex-wrap items-center gap-2 rounded-xl border px-3 py-2"
    >
      <span className="font-medium">{provider.label}</span>
      <span className="text-ink-muted min-w-0 flex-1 truncate text-sm">{provider.issuer}</span>
      <RowActions error={error}>
        <ActionButton onClick={() => setIsEditing(!isEditing)}>{t("admin.sso.edit")}</ActionButton>
        <ActionButton onClick={() => void remove()} isPending={isPending} isDanger>
          {t("admin.delete")}
        </ActionButton>
        {dialog}
      </RowActions>
      {isEditing ? <SsoProviderEditForm provider={provider} teams={teams} onDone={() => setIsEditing(false)} /> : null}
    </li>
  );
}
