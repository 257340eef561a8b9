"use client";

import { useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { AdminForm } from "./admin-form";
import type { AdminModel, AdminProvider, AdminTeam } from "./admin-types";
import { ModelSettingsFields } from "./model-settings-fields";
import { ModelSourceFields } from "./model-source-fields";
import { useLoadedVersion } from "./use-loaded-version";

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
    ...readRequestShape(form),
  };
}

// Only an existing model's form has these fields; a new model gets them from its provider and name.
function readRequestShape(form: FormData) {
  if (!form.has("outputLimitParameter")) return {};
  return {
    outputLimitParameter: String(form.get("outputLimitParameter")),
    sendsSamplingParameters: form.get("sendsSamplingParameters") === "on",
    reasoningEffort: String(form.get("reasoningEffort") ?? "") || null,
    allowedReasoningEfforts: form.getAll("allowedReasoningEfforts").map(String),
    sendsUsageRequest: form.get("sendsUsageRequest") === "on",
    systemPromptRole: String(form.get("systemPromptRole")),
    readsImages: form.get("readsImages") === "on",
  };
}

// Adds a model (by name, or picked from what the provider lists) or edits one. Every saved change makes a new
// version of the model and an audit entry.
export function ModelForm({ providers, teams, model, onDone }: ModelFormProps) {
  const { t } = useTranslator();
  const [providerId, setProviderId] = useState(model?.providerId ?? providers[0]?.id ?? "");
  const { loaded, reload } = useLoadedVersion(model, "admin.model.deletedMeanwhile");

  function requestOf(form: FormData) {
    const settings = readSettings(form);
    return loaded
      ? {
          url: `/api/admin/models/${loaded.id}`,
          method: "PATCH" as const,
          body: { ...settings, expectedVersion: loaded.version },
        }
      : {
          url: "/api/admin/models",
          method: "POST" as const,
          body: { ...settings, providerId, upstreamName: String(form.get("upstreamName") ?? "") },
        };
  }

  return (
    <AdminForm
      // A reloaded model starts the form afresh: its fields, and no refusal.
      key={loaded?.version}
      requestOf={requestOf}
      submitLabel={loaded ? t("admin.model.save") : t("admin.model.add")}
      onDone={onDone}
      reload={loaded ? reload : undefined}
    >
      {loaded ? (
        <ModelSettingsFields teams={teams} model={loaded} />
      ) : (
        <NewModelFields providers={providers} teams={teams} providerId={providerId} onProviderChange={setProviderId} />
      )}
    </AdminForm>
  );
}

type NewModelFieldsProps = {
  providers: AdminProvider[];
  teams: AdminTeam[];
  providerId: string;
  onProviderChange: (providerId: string) => void;
};

// Inside the form, so that the name typed goes with the fields when they start afresh after an added model.
function NewModelFields({ providers, teams, providerId, onProviderChange }: NewModelFieldsProps) {
  const [upstreamName, setUpstreamName] = useState("");
  return (
    <>
      <ModelSourceFields
        providers={providers}
        providerId={providerId}
        onProviderChange={onProviderChange}
        onNameChange={setUpstreamName}
      />
      <ModelSettingsFields teams={teams} newModelName={upstreamName} />
    </>
  );
}
