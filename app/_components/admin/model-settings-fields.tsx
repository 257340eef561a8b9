"use client";

import { type ReactNode, useState } from "react";
import { ChoiceField } from "@/app/_components/ui/choice-field";
import { FormField, TextAreaField } from "@/app/_components/ui/form-field";
import type { MessageKey } from "@/app/_i18n/messages-en";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { GENERIC_MODEL_LIMITS, knownModelLimits, type ModelLimits } from "@/lib/models/model-limits";
import { useFieldError } from "./admin-form";
import type { AdminModel, AdminTeam } from "./admin-types";
import { RequestShapeFields } from "./model-request-shape-fields";
import { ModelVisibilityField } from "./model-visibility-field";

type NumberSetting = {
  name: "contextWindow" | "maxOutputTokens" | "temperature" | "topP" | "minTemperature" | "maxTemperature";
  labelKey: MessageKey | null;
  min: number;
  max?: number;
  /** Temperatures and top_p go in steps of 0.05; the token counts are whole. */
  step?: number;
  fallback: number;
};

type LimitSetting = NumberSetting & { name: keyof ModelLimits; labelKey: MessageKey };

const LIMITS: LimitSetting[] = [
  {
    name: "contextWindow",
    labelKey: "admin.model.contextWindow",
    min: 512,
    fallback: GENERIC_MODEL_LIMITS.contextWindow,
  },
  {
    name: "maxOutputTokens",
    labelKey: "parameters.maxOutputTokens",
    min: 1,
    fallback: GENERIC_MODEL_LIMITS.maxOutputTokens,
  },
];

const SAMPLING: NumberSetting[] = [
  { name: "temperature", labelKey: "parameters.temperature", min: 0, max: 2, step: 0.05, fallback: 0.7 },
  // Named as the API names it: it has no plain-language name.
  { name: "topP", labelKey: null, min: 0, max: 1, step: 0.05, fallback: 1 },
];

const USER_TEMPERATURE_BOUNDS: NumberSetting[] = [
  { name: "minTemperature", labelKey: "admin.model.lowestTemperature", min: 0, max: 2, step: 0.05, fallback: 0 },
  { name: "maxTemperature", labelKey: "admin.model.highestTemperature", min: 0, max: 2, step: 0.05, fallback: 2 },
];

type ModelSettingsFieldsProps = {
  teams: AdminTeam[];
  model?: AdminModel;
  /** A new model's name as typed, which its limits are filled in from. */
  newModelName?: string;
};

// The settings a model has whether it is new or edited: its label, limits, parameters, prompt and who sees it.
export function ModelSettingsFields({ teams, model, newModelName = "" }: ModelSettingsFieldsProps) {
  const { t } = useTranslator();
  const [sendsSamplingParameters, setSendsSamplingParameters] = useState(model?.sendsSamplingParameters ?? true);
  return (
    <>
      <FormField
        label={t("admin.model.label")}
        name="label"
        defaultValue={model?.label}
        hint={t("admin.model.labelHint")}
      />
      {model ? <NumberFields settings={LIMITS} model={model} /> : <NewModelLimitFields name={newModelName} />}
      {sendsSamplingParameters ? null : (
        <p className="text-sm">
          {t("admin.model.samplingFixed")} <span className="text-ink-muted">{t("parameters.fixedByModel")}</span>
        </p>
      )}
      {/* Kept in the form when hidden, so that saving leaves the values as they were. */}
      <div hidden={!sendsSamplingParameters} className="flex flex-col gap-4">
        <NumberFields settings={SAMPLING} model={model} />
        <Fieldset legend={t("admin.model.userTemperatureLegend")}>
          <Checkbox name="allowUserParameters" defaultChecked={model?.allowUserParameters ?? false}>
            {t("admin.model.allowUserTemperature")}
          </Checkbox>
          <NumberFields settings={USER_TEMPERATURE_BOUNDS} model={model} />
        </Fieldset>
      </div>
      {model ? (
        <RequestShapeFields
          model={model}
          sendsSamplingParameters={sendsSamplingParameters}
          onSendsSamplingParametersChange={setSendsSamplingParameters}
        />
      ) : (
        <p className="text-ink-muted text-sm">{t("admin.model.requestShapePicked")}</p>
      )}
      <TextAreaField
        label={t("admin.model.systemPrompt")}
        hint={t("admin.model.systemPromptHint")}
        name="systemPrompt"
        rows={4}
        defaultValue={model?.systemPrompt ?? ""}
      />
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
    </>
  );
}

function NumberFields({ settings, model }: { settings: NumberSetting[]; model?: AdminModel }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {settings.map((setting) => (
        <NumberField key={setting.name} setting={setting} model={model} />
      ))}
    </div>
  );
}

function NumberField({ setting, model }: { setting: NumberSetting; model?: AdminModel }) {
  const { t } = useTranslator();
  const { name, labelKey, min, max, step, fallback } = setting;
  return (
    <FormField
      label={labelKey ? t(labelKey) : "top_p"}
      name={name}
      type="number"
      min={min}
      max={max}
      step={step}
      defaultValue={model?.[name] ?? fallback}
      error={useFieldError(name)}
    />
  );
}

/**
 * A new model's limits, the figures the server will use when they are left as they are (lib/models/model-limits.ts):
 * each follows the name as it is typed until the admin types a value of their own.
 */
function NewModelLimitFields({ name }: { name: string }) {
  const { t } = useTranslator();
  const known = knownModelLimits(name);
  const limits = known ?? GENERIC_MODEL_LIMITS;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {LIMITS.map((setting) => (
        <SuggestedNumberField
          key={setting.name}
          setting={setting}
          suggested={limits[setting.name]}
          hint={known && setting.name === "contextWindow" ? t("admin.model.limitsFromName") : undefined}
        />
      ))}
    </div>
  );
}

function SuggestedNumberField({
  setting,
  suggested,
  hint,
}: {
  setting: LimitSetting;
  suggested: number;
  hint?: string;
}) {
  const { t } = useTranslator();
  const [typed, setTyped] = useState<string | null>(null);
  const { name, labelKey, min } = setting;
  return (
    <FormField
      label={t(labelKey)}
      name={name}
      type="number"
      min={min}
      value={typed ?? String(suggested)}
      onChange={(event) => setTyped(event.target.value)}
      hint={hint}
      error={useFieldError(name)}
    />
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
    <ChoiceField type="checkbox" name={name} defaultChecked={defaultChecked}>
      {children}
    </ChoiceField>
  );
}
