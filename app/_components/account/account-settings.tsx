"use client";

import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CustomInstructionsForm } from "./custom-instructions-form";
import { DeleteAccountForm } from "./delete-account-form";
import { type LinkableProvider, LinkedSignIns } from "./linked-sign-ins";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

export type AccountView = { name: string; email: string; customInstructions: string | null };

/** Settings → Account: who you are, your password, your instructions to the model, and leaving. */
export function AccountSettings({ account, providers }: { account: AccountView; providers: LinkableProvider[] }) {
  const { t } = useTranslator();
  return (
    <PageSection id="account" title={t("accountSettings.title")} className="mb-8">
      <ProfileForm name={account.name} email={account.email} />
      <PasswordForm />
      <LinkedSignIns providers={providers} />
      <CustomInstructionsForm instructions={account.customInstructions ?? ""} />
      <DeleteAccountForm email={account.email} />
    </PageSection>
  );
}
