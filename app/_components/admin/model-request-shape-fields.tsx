"use client";

import { ChoiceField } from "@/app/_components/ui/choice-field";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { outputLimitParameters, reasoningEfforts, systemPromptRoles } from "@/lib/models/compatibility";
import type { AdminModel } from "./admin-types";

type RequestShapeFieldsProps = {
  model: AdminModel;
  sendsSamplingParameters: boolean;
  onSendsSamplingParametersChange: (value: boolean) => void;
};

// What Parley sends the model's server (lib/models/compatibility.ts). A new model gets it from its provider and its
// name; an admin changes it here, on an existing model.
export function RequestShapeFields({
  model,
  sendsSamplingParameters,
  onSendsSamplingParametersChange,
}: RequestShapeFieldsProps) {
  const { t } = useTranslator();
  return (
    <fieldset className="border-line flex flex-col gap-3 rounded-xl border p-4">
      <legend className="px-1 text-sm font-medium">{t("admin.model.requestShape")}</legend>
      <p className="text-ink-muted text-sm">{t("admin.model.requestShapeHint")}</p>
      <SelectField
        label={t("admin.model.outputLimitParameter")}
        name="outputLimitParameter"
        defaultValue={model.outputLimitParameter}
      >
        {outputLimitParameters.map((value) => (
          <option key={value} value={value}>
            {value === "none" ? t("admin.model.notSent") : value}
          </option>
        ))}
      </SelectField>
      <ChoiceField
        type="checkbox"
        name="sendsSamplingParameters"
        checked={sendsSamplingParameters}
        onChange={(event) => onSendsSamplingParametersChange(event.target.checked)}
      >
        {t("admin.model.sendsSamplingParameters")}
      </ChoiceField>
      <SelectField
        label={t("admin.model.reasoningEffort")}
        name="reasoningEffort"
        defaultValue={model.reasoningEffort ?? ""}
      >
        <option value="">{t("admin.model.notSent")}</option>
        {reasoningEfforts.map((effort) => (
          <option key={effort} value={effort}>
            {t(`parameters.reasoningEffort.${effort}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm">{t("admin.model.allowedReasoningEfforts")}</legend>
        {reasoningEfforts.map((effort) => (
          <ChoiceField
            key={effort}
            type="checkbox"
            name="allowedReasoningEfforts"
            value={effort}
            defaultChecked={model.allowedReasoningEfforts.includes(effort)}
          >
            {t(`parameters.reasoningEffort.${effort}`)}
          </ChoiceField>
        ))}
      </fieldset>
      <ChoiceField type="checkbox" name="sendsUsageRequest" defaultChecked={model.sendsUsageRequest}>
        {t("admin.model.sendsUsageRequest")}
      </ChoiceField>
      <ChoiceField type="checkbox" name="readsImages" defaultChecked={model.readsImages}>
        {t("attachments.admin.readsImages")}
      </ChoiceField>
      <SelectField
        label={t("admin.model.systemPromptRole")}
        name="systemPromptRole"
        defaultValue={model.systemPromptRole}
      >
        {systemPromptRoles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </SelectField>
    </fieldset>
  );
}
