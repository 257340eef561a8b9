"use client";

import { type FormEvent, useState } from "react";
import { useMutation } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminModel, AdminProvider, AdminTeam } from "./admin-types";
import { FormActions } from "./form-actions";
import { ModelSettingsFields } from "./model-settings-fields";
import { ModelSourceFields } from "./model-source-fields";

type ModelFormProps = { providers: AdminProvider[]; teams: AdminTeam[]; model?: AdminModel; onDone?: () => void };

function readNumber(form: FormData, name: string): number | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : Number(value);
}

function readSettings(form: FormData) {
  return {
    label: String(form.get("label") ?? "").trim() || undefined,
    contextWindow: readNumber(form, "contextWindow"),
    maxOutputTokens: readNumber(form, "maxOutputTokens"),
    temperature: readNumber(form, "temperature"),
    topP: readNumber(form, "topP"),
    minTemperature: readNumber(form, "minTemperature"),
    maxTemperature: readNumber(form, "maxTemperature"),
    allowUserParameters: form.get("allowUserParameters") === "on",
    systemPrompt: String(form.get("systemPrompt") ?? ""),
    enabled: form.get("enabled") === "on",
    isDefault: form.get("isDefault") === "on",
    visibleToEveryone: form.get("visibility") !== "teams",
    teamIds: form.getAll("teamIds").map(String),
  };
}

// Adds a model (by name, or picked from what the provider lists) or edits one. Every saved change makes a new
// version of the model and an audit entry.
export function ModelForm({ providers, teams, model, onDone }: ModelFormProps) {
  const { t } = useTranslator();
  const { run, error, isPending } = useMutation();
  const [providerId, setProviderId] = useState(model?.providerId ?? providers[0]?.id ?? "");
  const [formKey, setFormKey] = useState(0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const settings = readSettings(form);
    const request = model
      ? { url: `/api/admin/models/${model.id}`, method: "PATCH" as const, body: settings }
      : {
          url: "/api/admin/models",
          method: "POST" as const,
          body: { ...settings, providerId, upstreamName: String(form.get("upstreamName") ?? "") },
        };
    if ((await run(request)) === null) return;
    setFormKey((key) => key + 1);
    onDone?.();
  }

  return (
    <form key={formKey} onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      {model ? null : (
        <ModelSourceFields providers={providers} providerId={providerId} onProviderChange={setProviderId} />
      )}
      <ModelSettingsFields teams={teams} model={model} />
      <FormActions
        submitLabel={model ? t("admin.model.save") : t("admin.model.add")}
        isPending={isPending}
        onCancel={onDone}
      />
    </form>
  );
}
