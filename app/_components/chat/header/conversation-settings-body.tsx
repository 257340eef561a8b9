"use client";

import { useRef } from "react";
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
  onSaved: (details: ConversationDetails) => void;
  onClose: () => void;
};

// A saved prompt keeps the dialog open (for the parameters below it); a saved parameter closes it, unless the prompt
// holds edits not saved yet, which closing would throw away.
export function SettingsBody({ details, onSaved, onClose }: SettingsBodyProps) {
  const isPromptEditedRef = useRef(false);
  function saveParameter(next: ConversationDetails): void {
    onSaved(next);
    if (!isPromptEditedRef.current) onClose();
  }
  return (
    <>
      <SystemPromptForm
        details={details}
        onSaved={onSaved}
        onEdited={(isEdited) => {
          isPromptEditedRef.current = isEdited;
        }}
      />
      <div className="border-line mt-6 border-t">
        <ModelParameters details={details} onSaved={saveParameter} onClose={onClose} />
      </div>
    </>
  );
}

function ModelParameters({ details, onSaved, onClose }: SettingsBodyProps) {
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
