"use client";

import { type FormEvent, useState } from "react";
import { FormAlert } from "../form-alert";
import { FormField } from "../form-field";
import type { AdminProvider } from "./admin-types";
import { FormActions } from "./form-actions";
import { useAdminAction } from "./use-admin-action";

type ProviderFormProps = { provider?: AdminProvider; onDone?: () => void };

// Adds a provider, or edits one: an empty key field keeps the stored key, which is never sent to the browser.
export function ProviderForm({ provider, onDone }: ProviderFormProps) {
  const { run, error, isPending } = useAdminAction();
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
      <FormField label="Name" name="name" required defaultValue={provider?.name} autoComplete="off" />
      <FormField
        label="Base URL"
        name="baseUrl"
        type="url"
        required
        defaultValue={provider?.baseUrl}
        placeholder="https://api.openai.com/v1"
        hint="Including /v1. http is fine for a server on your own network (Ollama: http://localhost:11434/v1)."
        autoComplete="off"
      />
      <FormField
        label="API key"
        name="apiKey"
        type="password"
        autoComplete="new-password"
        hint={
          provider?.hasApiKey
            ? `Stored, ending in ${provider.apiKeyHint ?? "(too short to show)"}. Leave empty to keep it.`
            : "Leave empty for servers that need none. Stored encrypted; never shown again."
        }
      />
      {provider?.hasApiKey ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="removeKey" className="accent-ink" /> Remove the stored key
        </label>
      ) : null}
      <FormActions submitLabel={provider ? "Save provider" : "Add provider"} isPending={isPending} onCancel={onDone} />
    </form>
  );
}
