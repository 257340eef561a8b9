"use client";

import { PageSection } from "@/app/_components/ui/page-section";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ApiKeyTable } from "./api-key-table";
import type { ApiKeyRow } from "./api-key-types";
import { CreateApiKeyForm } from "./create-api-key-form";

type ApiKeySettingsProps = { isAllowed: boolean; keys: ApiKeyRow[]; baseUrl: string };

/** Settings → API keys: how to use the API, a new key, the user's keys. */
export function ApiKeySettings({ isAllowed, keys, baseUrl }: ApiKeySettingsProps) {
  const { t } = useTranslator();
  return (
    <PageSection id="api-keys" title={t("apiKeys.title")} className="mb-8">
      <div className="border-line flex flex-col gap-4 rounded-2xl border p-5">
        <p className="text-ink-muted text-sm">{t("apiKeys.description", { baseUrl })}</p>
        {isAllowed ? <CreateApiKeyForm keys={keys} /> : <p className="text-sm">{t("apiKeys.notAllowed")}</p>}
        {keys.length === 0 ? (
          <p className="text-ink-muted text-sm">{t("apiKeys.none")}</p>
        ) : (
          <ApiKeyTable keys={keys} caption={t("apiKeys.list")} revokeUrlPrefix="/api/account/api-keys/" />
        )}
      </div>
    </PageSection>
  );
}
