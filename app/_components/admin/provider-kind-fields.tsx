"use client";

import { useState } from "react";
import { FormField } from "@/app/_components/ui/form-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminProvider } from "./admin-types";

export type ProviderKindChoice = "OPENAI_COMPATIBLE" | "AZURE_OPENAI";

/**
 * The kind of a new provider (fixed once it exists) and, for Azure OpenAI, its api-version; then the address, whose
 * meaning follows the kind: a base URL, or an Azure resource's endpoint.
 */
export function ProviderKindFields({ provider }: { provider?: AdminProvider }) {
  const { t } = useTranslator();
  const [kind, setKind] = useState<ProviderKindChoice>(
    provider?.kind === "AZURE_OPENAI" ? "AZURE_OPENAI" : "OPENAI_COMPATIBLE",
  );
  const isAzure = kind === "AZURE_OPENAI";
  return (
    <>
      {provider ? null : (
        <SelectField
          label={t("admin.provider.kind")}
          name="kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as ProviderKindChoice)}
        >
          <option value="OPENAI_COMPATIBLE">{t("admin.provider.kindOpenAiCompatible")}</option>
          <option value="AZURE_OPENAI">{t("admin.provider.kindAzure")}</option>
        </SelectField>
      )}
      <FormField
        label={isAzure ? t("admin.provider.endpoint") : t("admin.provider.baseUrl")}
        name="baseUrl"
        type="url"
        required
        defaultValue={provider?.baseUrl}
        placeholder={isAzure ? "https://my-resource.openai.azure.com" : "https://api.openai.com/v1"}
        hint={isAzure ? t("admin.provider.endpointHint") : t("admin.provider.baseUrlHint")}
        autoComplete="off"
      />
      {isAzure ? (
        <FormField
          label={t("admin.provider.apiVersion")}
          name="apiVersion"
          required
          defaultValue={provider?.apiVersion ?? ""}
          placeholder="2024-10-21"
          hint={t("admin.provider.apiVersionHint")}
          autoComplete="off"
        />
      ) : null}
    </>
  );
}
