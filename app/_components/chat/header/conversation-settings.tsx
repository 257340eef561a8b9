"use client";

import type { ConversationDetails } from "@/app/_components/api/types";
import { useResource } from "@/app/_components/api/use-resource";
import { fetchModels } from "@/app/_components/chat/chat-requests";
import { DialogCloseButton, IconLabelButton } from "@/app/_components/ui/button";
import { SlidersIcon } from "@/app/_components/ui/icons";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ParameterFigures } from "./parameter-figures";
import { ReasoningEffortField } from "./reasoning-effort-field";
import { TemperatureForm } from "./temperature-form";

type ConversationSettingsProps = {
  details: ConversationDetails;
  onSaved: (details: ConversationDetails) => void;
};

/** Opens the conversation's settings; the header holds the dialog, also opened from its "More" menu on phones. */
export function ConversationSettingsButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslator();
  return (
    <IconLabelButton
      icon={<SlidersIcon width={18} height={18} />}
      label={t("conversationSettings.title")}
      shortLabel={t("conversationSettings.button")}
      onClick={onClick}
      opensDialog
    />
  );
}

type ConversationSettingsDialogProps = ConversationSettingsProps & { isOpen: boolean; onClose: () => void };

// The model's parameters for this conversation, in a modal dialog.
export function ConversationSettingsDialog({ isOpen, onClose, details, onSaved }: ConversationSettingsDialogProps) {
  const { t } = useTranslator();
  return (
    <ModalDialog isOpen={isOpen} onClose={onClose} title={t("conversationSettings.title")}>
      <SettingsBody
        details={details}
        onSaved={(next) => {
          onSaved(next);
          onClose();
        }}
        onClose={onClose}
      />
    </ModalDialog>
  );
}

type SettingsBodyProps = {
  details: ConversationDetails;
  onSaved: (details: ConversationDetails) => void;
  onClose: () => void;
};

function SettingsBody({ details, onSaved, onClose }: SettingsBodyProps) {
  const { t } = useTranslator();
  const models = useResource(`${details.id} ${details.modelId}`, () => fetchModels(details.id));
  const model = models.data?.items.find((item) => item.id === details.modelId);

  if (models.data === undefined && models.error === null) {
    return (
      <p role="status" className="text-ink-muted mt-4 text-sm">
        {t("conversationSettings.loading")}
      </p>
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
