"use client";

import { useEffect, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ChatModel, ConversationDetails } from "@/app/_components/api/types";
import { fetchModels } from "@/app/_components/chat/chat-requests";
import { SlidersIcon } from "@/app/_components/ui/icons";
import { ModalDialog } from "@/app/_components/ui/modal-dialog";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ParameterFigures } from "./parameter-figures";
import { TemperatureForm } from "./temperature-form";

type ConversationSettingsProps = {
  details: ConversationDetails;
  onSaved: (details: ConversationDetails) => void;
};

/** Opens the conversation's settings; the header holds the dialog, also opened from its "More" menu on phones. */
export function ConversationSettingsButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslator();
  return (
    <button
      type="button"
      aria-label={t("conversationSettings.title")}
      title={t("conversationSettings.title")}
      aria-haspopup="dialog"
      onClick={onClick}
      className="text-ink-muted hover:bg-hover hover:text-ink flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-sm"
    >
      <SlidersIcon width={18} height={18} />
      <span className="hidden xl:inline">{t("conversationSettings.button")}</span>
    </button>
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

type LoadState = { kind: "loading" } | { kind: "ready"; model: ChatModel } | { kind: "failed"; message: string };

type SettingsBodyProps = {
  details: ConversationDetails;
  onSaved: (details: ConversationDetails) => void;
  onClose: () => void;
};

function SettingsBody({ details, onSaved, onClose }: SettingsBodyProps) {
  const translator = useTranslator();
  const { t } = translator;
  const [state, setState] = useState<LoadState>({ kind: "loading" });

  useEffect(() => {
    let isCurrent = true;
    void fetchModels(details.id).then((result) => {
      if (!isCurrent) return;
      if (!result.isOk) return setState({ kind: "failed", message: describeError(result.error, translator) });
      const model = result.data.items.find((item) => item.id === details.modelId);
      setState(model ? { kind: "ready", model } : { kind: "failed", message: t("conversationSettings.modelMissing") });
    });
    return () => {
      isCurrent = false;
    };
  }, [details.id, details.modelId, translator, t]);

  if (state.kind === "loading") {
    return (
      <p role="status" className="text-ink-muted mt-4 text-sm">
        {t("conversationSettings.loading")}
      </p>
    );
  }
  if (state.kind === "ready" && state.model.parameters.canChange) {
    return <TemperatureForm details={details} model={state.model} onSaved={onSaved} onCancel={onClose} />;
  }
  return (
    <div className="mt-4 flex flex-col gap-4">
      {state.kind === "failed" ? (
        <p role="alert" className="text-danger text-sm">
          {state.message}
        </p>
      ) : (
        <>
          <p className="text-ink-muted text-sm">
            {t("conversationSettings.fixedByAdmin", { model: state.model.label })}
          </p>
          <ParameterFigures details={details} model={state.model} isTemperatureShown />
        </>
      )}
      <div className="flex justify-end">
        <button type="button" onClick={onClose} className="hover:bg-hover rounded-full px-3.5 py-1.5 text-sm">
          {t("common.close")}
        </button>
      </div>
    </div>
  );
}
