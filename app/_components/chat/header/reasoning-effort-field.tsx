"use client";

import { useRef, useState } from "react";
import type { ChatModel, ConversationDetails } from "@/app/_components/api/types";
import { useMutation } from "@/app/_components/api/use-mutation";
import { patchConversation } from "@/app/_components/chat/chat-requests";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SelectField } from "@/app/_components/ui/select-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ReasoningEffort, reasoningEfforts } from "@/lib/models/compatibility";

type ReasoningEffortFieldProps = {
  details: ConversationDetails;
  model: ChatModel;
  onSaved: (details: ConversationDetails) => void;
};

const MODEL_DEFAULT = "";

// How hard the model thinks in this conversation, among the values the admin allows; saved when chosen. The field
// stays enabled while a choice is saved (disabling it would drop the keyboard focus, and the arrow keys choose
// one value after another): it shows the latest choice, and saves one choice at a time, the latest once the one
// being saved is done, so that the server ends with the choice the field shows.
export function ReasoningEffortField({ details, model, onSaved }: ReasoningEffortFieldProps) {
  const { t } = useTranslator();
  const { send, error, isPending } = useMutation({ refreshesPage: false });
  const [unsaved, setUnsaved] = useState<string | null>(null);
  // The latest choice not sent yet, and whether a save runs (which then sends it).
  const waitingRef = useRef<string | null>(null);
  const isSavingRef = useRef(false);
  const { choices, default: modelDefault } = model.parameters.reasoningEffort;

  function takeWaiting(): string | null {
    const waiting = waitingRef.current;
    waitingRef.current = null;
    return waiting;
  }

  async function choose(value: string): Promise<void> {
    setUnsaved(value);
    waitingRef.current = value;
    if (isSavingRef.current) return;
    isSavingRef.current = true;
    let lastSaved: ConversationDetails | null = null;
    for (let next = takeWaiting(); next !== null; next = takeWaiting()) {
      const effort = reasoningEfforts.find((item) => item === next) ?? null;
      const saved = await send(() => patchConversation(details.id, { reasoningEffort: effort }));
      // A refusal stops here: the field shows what was saved last, and the error says why.
      if (!saved) break;
      lastSaved = saved;
    }
    waitingRef.current = null;
    isSavingRef.current = false;
    setUnsaved(null);
    if (lastSaved) onSaved(lastSaved);
  }

  const defaultLabel = modelDefault
    ? t("parameters.reasoningEffortDefault", { effort: t(`parameters.reasoningEffort.${modelDefault}`) })
    : t("parameters.reasoningEffortModelDefault");
  return (
    <div className="flex flex-col gap-2">
      <SelectField
        label={t("parameters.reasoningEffortLabel")}
        value={unsaved ?? details.reasoningEffort ?? MODEL_DEFAULT}
        aria-busy={isPending}
        onChange={(event) => void choose(event.target.value)}
      >
        <option value={MODEL_DEFAULT}>{defaultLabel}</option>
        {choices.map((effort: ReasoningEffort) => (
          <option key={effort} value={effort}>
            {t(`parameters.reasoningEffort.${effort}`)}
          </option>
        ))}
      </SelectField>
      <InlineAlert message={error} />
    </div>
  );
}
