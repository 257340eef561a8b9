"use client";

import { type FormEvent, useState } from "react";
import { useMutation } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminProvider } from "./admin-types";
import { FormActions } from "./form-actions";

type ProviderFormProps = { provider?: AdminProvider; onDone?: () => void };

// Adds a provider, or edits one: an empty key field keeps the stored key, which is never sent to the browser.
export function ProviderForm({ provider, onDone }: ProviderFormProps) {
  const { t } = useTranslator();
  const { run, error, isPending } = useMutation();
  const [formKey, setFormKey] = useState(0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const apiKey = String(form.get("apiKey") ?? "").trim();
    const body = {
      name: String(form.get("name") ?? ""),
      baseUrl: String(form.get("baseUrl") ?? ""),
      apiKey: form.get("removeKey") === "on" ? null : apiKey || undefined,
    };
    const request = provider
      ? { url: `/api/admin/providers/${provider.id}`, method: "PATCH" as const, body }
      : { url: "/api/admin/providers", method: "POST" as const, body };
    if ((await run(request)) === null) return;
    setFormKey((key) => key + 1);
    onDone?.();
  }

  return (
    <form key={formKey} onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      <FormField
        label={t("admin.provider.name")}
        name="name"
        required
        defaultValue={provider?.name}
        autoComplete="off"
      />
      <FormField
        label={t("admin.provider.baseUrl")}
        name="baseUrl"
        type="url"
        required
        defaultValue={provider?.baseUrl}
        placeholder="https://api.openai.com/v1"
        hint={t("admin.provider.baseUrlHint")}
        autoComplete="off"
      />
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
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="removeKey" className="accent-ink" /> {t("admin.provider.removeKey")}
        </label>
      ) : null}
      <FormActions
        submitLabel={provider ? t("admin.provider.save") : t("admin.provider.add")}
        isPending={isPending}
        onCancel={onDone}
      />
    </form>
  );
}
