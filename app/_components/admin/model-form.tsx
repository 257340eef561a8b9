"use client";

import { type FormEvent, type ReactNode, useId, useState } from "react";
import { z } from "zod";
import { useMutation } from "@/app/_components/api/use-mutation";
import { FormAlert } from "@/app/_components/ui/form-alert";
import { FormField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AdminModel, AdminProvider, AdminTeam } from "./admin-types";
import { FormActions } from "./form-actions";
import { ModelVisibilityField } from "./model-visibility-field";

type ModelFormProps = { providers: AdminProvider[]; teams: AdminTeam[]; model?: AdminModel; onDone?: () => void };

const listedModelsSchema = z.union([
  z.object({ ok: z.literal(true), models: z.array(z.string()) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);

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
  const listing = useMutation();
  const [providerId, setProviderId] = useState(model?.providerId ?? providers[0]?.id ?? "");
  const [listed, setListed] = useState<string[]>([]);
  const [listingProblem, setListingProblem] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const listId = useId();
  const providerFieldId = useId();

  async function loadModels(): Promise<void> {
    setListingProblem(null);
    const result = await listing.run(
      { url: `/api/admin/providers/${providerId}/test`, method: "POST" },
      listedModelsSchema,
    );
    if (!result) return;
    if (result.ok) setListed(result.models);
    else setListingProblem(result.reason);
  }

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
    setListed([]);
    setFormKey((key) => key + 1);
    onDone?.();
  }

  return (
    <form key={formKey} onSubmit={(event) => void handleSubmit(event)} noValidate className="flex flex-col gap-4">
      <FormAlert message={error} />
      {model ? null : (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1.5">
            <label htmlFor={providerFieldId} className="text-sm font-medium">
              {t("admin.model.provider")}
            </label>
            <select
              id={providerFieldId}
              value={providerId}
              onChange={(event) => setProviderId(event.target.value)}
              className="border-line bg-canvas rounded-xl border px-3.5 py-2.5"
            >
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              onClick={() => void loadModels()}
              disabled={!providerId || listing.isPending}
              className="border-line hover:bg-hover self-start rounded-lg border px-3 py-1.5 text-sm disabled:opacity-50"
            >
              {listing.isPending ? t("common.loading") : t("admin.model.loadModels")}
            </button>
            {listing.error || listingProblem ? (
              <p role="alert" className="text-danger text-sm">
                {listing.error ?? listingProblem}
              </p>
            ) : listed.length > 0 ? (
              <p role="status" className="text-ink-muted text-xs">
                {t("admin.model.listed", { count: listed.length })}
              </p>
            ) : null}
          </div>
          <div>
            <FormField
              label={t("admin.model.upstreamName")}
              name="upstreamName"
              required
              list={listId}
              autoComplete="off"
              placeholder="gpt-4o-mini"
            />
            <datalist id={listId}>
              {listed.map((name) => (
                <option key={name} value={name} />
              ))}
            </datalist>
          </div>
        </div>
      )}
      <FormField
        label={t("admin.model.label")}
        name="label"
        defaultValue={model?.label}
        hint={t("admin.model.labelHint")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          label={t("admin.model.contextWindow")}
          name="contextWindow"
          type="number"
          min={512}
          defaultValue={model?.contextWindow ?? 8192}
        />
        <FormField
          label={t("parameters.maxOutputTokens")}
          name="maxOutputTokens"
          type="number"
          min={1}
          defaultValue={model?.maxOutputTokens ?? 1024}
        />
        <DecimalField
          label={t("parameters.temperature")}
          name="temperature"
          max={2}
          defaultValue={model?.temperature ?? 0.7}
        />
        <DecimalField label="top_p" name="topP" max={1} defaultValue={model?.topP ?? 1} />
      </div>
      <Fieldset legend={t("admin.model.userTemperatureLegend")}>
        <Checkbox name="allowUserParameters" defaultChecked={model?.allowUserParameters ?? false}>
          {t("admin.model.allowUserTemperature")}
        </Checkbox>
        <div className="grid gap-4 sm:grid-cols-2">
          <DecimalField
            label={t("admin.model.lowestTemperature")}
            name="minTemperature"
            max={2}
            defaultValue={model?.minTemperature ?? 0}
          />
          <DecimalField
            label={t("admin.model.highestTemperature")}
            name="maxTemperature"
            max={2}
            defaultValue={model?.maxTemperature ?? 2}
          />
        </div>
      </Fieldset>
      <SystemPromptField defaultValue={model?.systemPrompt ?? ""} />
      <Fieldset legend={t("admin.model.availability")}>
        <Checkbox name="enabled" defaultChecked={model?.enabled ?? true}>
          {t("admin.model.enabled")}
        </Checkbox>
        <Checkbox name="isDefault" defaultChecked={model?.isDefault ?? false}>
          {t("admin.model.defaultForNewChats")}
        </Checkbox>
        <ModelVisibilityField
          teams={teams}
          visibleToEveryone={model?.visibleToEveryone ?? true}
          teamIds={model?.teamIds ?? []}
        />
      </Fieldset>
      <FormActions
        submitLabel={model ? t("admin.model.save") : t("admin.model.add")}
        isPending={isPending}
        onCancel={onDone}
      />
    </form>
  );
}

// Temperatures and top_p: from 0, in steps of 0.05.
function DecimalField(props: { label: string; name: string; max: number; defaultValue: number }) {
  return <FormField type="number" step={0.05} min={0} {...props} />;
}

function SystemPromptField({ defaultValue }: { defaultValue: string }) {
  const { t } = useTranslator();
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="text-sm font-medium">
        {t("admin.model.systemPrompt")}
      </label>
      <textarea
        id={id}
        name="systemPrompt"
        rows={4}
        defaultValue={defaultValue}
        aria-describedby={`${id}-hint`}
        className="border-line bg-canvas rounded-xl border px-3.5 py-2.5"
      />
      <p id={`${id}-hint`} className="text-ink-muted text-xs">
        {t("admin.model.systemPromptHint")}
      </p>
    </div>
  );
}

function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="border-line flex flex-col gap-3 rounded-xl border p-4">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      {children}
    </fieldset>
  );
}

function Checkbox({ name, defaultChecked, children }: { name: string; defaultChecked: boolean; children: string }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={defaultChecked} className="accent-ink" />
      {children}
    </label>
  );
}
