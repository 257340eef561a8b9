"use client";

import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CustomInstructionsForm } from "./custom-instructions-form";
import { DeleteAccountForm } from "./delete-account-form";
import { type LinkableProvider, LinkedSignIns } from "./linked-sign-ins";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SetPasswordCard } from "./set-password-card";

export type AccountView = {
  name: string;
  email: string;
  customInstructions: string | null;
  /** False while the owner knows no password (single sign-on only): there is none to ask for. */
  hasPassword: boolean;
};

/** Settings → Account: who you are, your password, your instructions to the model, and leaving. */
type AccountSettingsProps = {
  account: AccountView;
  providers: LinkableProvider[];
  canMailLink: boolean;
  isPasswordSignInEnabled: boolean;
};

export function AccountSettings({ account, providers, canMailLink, isPasswordSignInEnabled }: AccountSettingsProps) {
  const { t } = useTranslator();
  return (
    <PageSection id="account" title={t("accountSettings.title")} className="mb-8">
      <ProfileForm name={account.name} email={account.email} hasPassword={account.hasPassword} />
      {account.hasPassword ? (
        <PasswordForm />
      ) : (
        <SetPasswordCard
          email={account.email}
          canMailLink={canMailLink}
          isPasswordSignInEnabled={isPasswordSignInEnabled}
        />
      )}
      <LinkedSignIns providers={providers} />
      <CustomInstructionsForm instructions={account.customInstructions ?? ""} />
      <DeleteAccountForm email={account.email} hasPassword={account.hasPassword} />
    </PageSection>
  );
}
