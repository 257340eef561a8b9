import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AccountSettings } from "@/app/_components/account/account-settings";
import { ApiKeySettings, UsageSettings } from "@/app/_components/api-keys";
import { StorageUsage } from "@/app/_components/attachments/storage-usage";
import { YourDataSettings } from "@/app/_components/settings/your-data-settings";
import { PageSection } from "@/app/_components/ui/page-section";
import { LanguagePicker } from "@/app/_i18n/language-picker";
import { isLocale, LOCALE_COOKIE } from "@/app/_i18n/locales";
import { getTranslator } from "@/app/_i18n/server";
import { getAccountOrThrow } from "@/lib/accounts/account-settings";
import { listOwnApiKeys } from "@/lib/api-keys/api-keys";
import { getMyStorage } from "@/lib/attachments/files";
import { requirePageUser } from "@/lib/auth/session";
import { publicSiteUrl } from "@/lib/env";
import { isMailConfigured } from "@/lib/mail/mailer";
import { isPasswordSignInEnabled } from "@/lib/sso/password-sign-in";
import { listLinkableProviders } from "@/lib/sso/sso-buttons";
import { getOwnUsage } from "@/lib/usage-limits/usage-report";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("settings.title") };
}

export default async function SettingsPage() {
  const user = await requirePageUser();
  const [{ t }, apiKeys, usage, storage, account, providers, isPasswordSignInOn] = await Promise.all([
    getTranslator(),
    listOwnApiKeys(user),
    getOwnUsage(user.id),
    getMyStorage(user),
    getAccountOrThrow(user),
    listLinkableProviders(user.id),
    isPasswordSignInEnabled(),
  ]);
  const savedLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-2xl px-4 py-8">
        <h1 className="mb-6 text-2xl font-semibold">{t("settings.title")}</h1>
        <AccountSettings
          account={{
            name: account.name,
            email: account.email,
            customInstructions: account.customInstructions,
            hasPassword: account.hasPassword,
          }}
          providers={providers}
          canMailLink={isMailConfigured()}
          isPasswordSignInEnabled={isPasswordSignInOn}
        />
        <PageSection id="language" title={t("settings.language")} className="mb-8">
          <div className="border-line rounded-2xl border p-5">
            <p className="text-ink-muted mb-3 text-sm">{t("settings.languageDescription")}</p>
            <LanguagePicker choice={isLocale(savedLocale) ? savedLocale : "system"} />
          </div>
        </PageSection>
        <UsageSettings usage={usage} files={<StorageUsage {...storage} />} />
        <ApiKeySettings {...apiKeys} baseUrl={`${publicSiteUrl()}/v1`} />
        <YourDataSettings />
      </div>
    </div>
  );
}
