"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { FormField } from "@/app/_components/ui/form-field";
import type { Translator } from "@/app/_i18n/translator";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { AdminForm } from "./admin-form";
import type { AdminProvider } from "./admin-types";
import { ProviderKindFields } from "./provider-kind-fields";
import { useLoadedVersion } from "./use-loaded-version";

type ProviderFormProps = { provider?: AdminProvider; onDone?: () => void };

/** The key field's hint: how an empty field keeps the stored key, ending in its last four characters if it has some. */
function keyFieldHint(provider: AdminProvider | undefined, t: Translator["t"]): string {
  if (!provider?.hasApiKey) return t("admin.provider.apiKeyHint");
  // A key under 12 characters keeps no ending to show (lib/models/secret-box.ts).
  if (!provider.apiKeyHint) return t("admin.provider.apiKeyStoredShort");
  return t("admin.provider.apiKeyStored", { hint: provider.apiKeyHint });
}

// Adds a provider, or edits one: an empty key field keeps the stored key, which is never sent to the browser.
export function ProviderForm({ provider: latest, onDone }: ProviderFormProps) {
  const { t } = useTranslator();
  const { loaded: provider, reload } = useLoadedVersion(latest, "admin.provider.deletedMeanwhile");

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
      ? {
          url: `/api/admin/providers/${provider.id}`,
          method: "PATCH" as const,
          body: { ...body, expectedVersion: provider.version },
        }
      : { url: "/api/admin/providers", method: "POST" as const, body };
  }

  return (
    <AdminForm
      // A reloaded provider starts the form afresh: its fields, and no refusal.
      key={provider?.version}
      requestOf={requestOf}
      submitLabel={provider ? t("admin.provider.save") : t("admin.provider.add")}
      onDone={onDone}
      reload={provider ? reload : undefined}
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
        hint={keyFieldHint(provider, t)}
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
