"use client";

import type { ConversationDetails } from "@/app/_components/api/types";
import { useResource } from "@/app/_components/api/use-resource";
import { fetchModels } from "@/app/_components/chat/chat-requests";
import { DialogCloseButton } from "@/app/_components/ui/button";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ParameterFigures } from "./parameter-figures";
import { ReasoningEffortField } from "./reasoning-effort-field";
import { SystemPromptForm } from "./system-prompt-form";
import { TemperatureForm } from "./temperature-form";

type SettingsBodyProps = {
  details: ConversationDetails;
  /** A parameter saved: the dialog closes. */
  onSaved: (details: ConversationDetails) => void;
  /** The prompt saved: the dialog stays open. */
  onPromptSaved: (details: ConversationDetails) => void;
  onClose: () => void;
};

export function SettingsBody({ details, onSaved, onPromptSaved, onClose }: SettingsBodyProps) {
  return (
    <>
      <SystemPromptForm details={details} onSaved={onPromptSaved} />
      <div className="border-line mt-6 border-t">
        <ModelParameters details={details} onSaved={onSaved} onClose={onClose} />
      </div>
    </>
  );
}

function ModelParameters({ details, onSaved, onClose }: Omit<SettingsBodyProps, "onPromptSaved">) {
  const { t } = useTranslator();
  const models = useResource(`${details.id} ${details.modelId}`, () => fetchModels(details.id));
  const model = models.data?.items.find((item) => item.id === details.modelId);

  // Still a way out while the models load: a phone has no Escape key.
  if (models.data === undefined && models.error === null) {
    return (
      <>
        <p role="status" className="text-ink-muted mt-4 text-sm">
          {t("conversationSettings.loading")}
        </p>
        <DialogCloseButton label={t("common.close")} onClick={onClose} className="mt-4" />
      </>
    );
  }
  const effortField =
    model && model.parameters.reasoningEffort.choices.length > 0 ? (
      <ReasoningEffortField details={details} model={model} onSaved={onSaved} />
    ) : null;
  if (model?.parameters.canChange && model.parameters.takesTemperature) {
    return (
      <>
        {effortField ? <div className="mt-4">{effortField}</div> : null}
        <TemperatureForm details={details} model={model} onSaved={onSaved} onCancel={onClose} />
      </>
    );
  }
  return (
    <div className="mt-4 flex flex-col gap-4">
      {model ? (
        <>
          {effortField}
          {model.parameters.takesTemperature ? (
            <p className="text-ink-muted text-sm">{t("conversationSettings.fixedByAdmin", { model: model.label })}</p>
          ) : null}
          <ParameterFigures details={details} model={model} isTemperatureShown />
        </>
      ) : (
        <InlineAlert message={models.error ?? t("conversationSettings.modelMissing")} />
      )}
      <DialogCloseButton label={t("common.close")} onClick={onClose} />
    </div>
  );
}
