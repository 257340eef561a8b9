"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { AdminForm } from "./admin-form";
import type { AdminProvider } from "./admin-types";
import { ProviderKindFields } from "./provider-kind-fields";

type ProviderFormProps = { provider?: AdminProvider; onDone?: () => void };

// Adds a provider, or edits one: an empty key field keeps the stored key, which is never sent to the browser.
export function ProviderForm({ provider, onDone }: ProviderFormProps) {
  const { t } = useTranslator();

  function requestOf(form: FormData) {
    const apiKey = String(form.get("apiKey") ?? "").trim();
    const kind = form.get("kind");
    const apiVersion = form.get("apiVersion");
    const body = {
      name: String(form.get("name") ?? ""),
      // The kind is chosen once, when the provider is added; the api-version is Azure's alone.
      ...(kind === null ? {} : { kind: String(kind) }),
      baseUrl: String(form.get("baseUrl") ?? ""),
      ...(apiVersion === null ? {} : { apiVersion: String(apiVersion) }),
      apiKey: form.get("removeKey") === "on" ? null : apiKey || undefined,
    };
    return provider
      ? { url: `/api/admin/providers/${provider.id}`, method: "PATCH" as const, body }
      : { url: "/api/admin/providers", method: "POST" as const, body };
  }

  return (
    <AdminForm
      requestOf={requestOf}
      submitLabel={provider ? t("admin.provider.save") : t("admin.provider.add")}
      onDone={onDone}
    >
      <FormField
        label={t("admin.provider.name")}
        name="name"
        required
        defaultValue={provider?.name}
        autoComplete="off"
      />
      <ProviderKindFields provider={provider} />
      <FormField
        label={t("admin.provider.apiKey")}
        name="apiKey"
        type="password"
        autoComplete="new-password"
        hint={
          provider?.hasApiKey
            ? t("admin.provider.apiKeyStored", { hint: provider.apiKeyHint ?? t("admin.provider.apiKeyTooShort") })
            : t("admin.provider.apiKeyHint")
        }
      />
      {provider?.hasApiKey ? (
        <ChoiceField type="checkbox" name="removeKey">
          {" "}
          {t("admin.provider.removeKey")}
        </ChoiceField>
      ) : null}
    </AdminForm>
  );
}
