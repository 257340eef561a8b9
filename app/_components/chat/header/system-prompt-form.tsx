"use client";

import { type FormEvent, useRef, useState } from "react";
import type { ConversationDetails } from "@/app/_components/api/types";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { updateConversation } from "@/app/_components/chat/chat-requests";
import { TextAreaField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_SYSTEM_PROMPT_LENGTH } from "@/lib/limits";

type SystemPromptFormProps = {
  details: ConversationDetails;
  /** The conversation as saved; the dialog stays open, for the model's parameters below. */
  onSaved: (details: ConversationDetails) => void;
};

// The conversation's own system prompt: sent on each of its turns after the admin's prompt, before the requester's
// custom instructions (lib/chat/system-prompt.ts).
export function SystemPromptForm({ details, onSaved }: SystemPromptFormProps) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome({ refreshesPage: false });
  // Not cut at the limit (a paste over it would lose its end unseen): kept whole, counted, and not sent while over.
  const [text, setText] = useState(details.systemPrompt ?? "");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const isTooLong = text.length > MAX_SYSTEM_PROMPT_LENGTH;

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (isTooLong) {
      textareaRef.current?.focus();
      return;
    }
    const saved = await save(() => updateConversation(details.id, { systemPrompt: text }));
    if (saved) onSaved(saved);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="mt-4 flex flex-col gap-3">
      <TextAreaField
        label={t("conversationSettings.systemPrompt")}
        hint={t("conversationSettings.systemPromptHint")}
        name="systemPrompt"
        rows={5}
        ref={textareaRef}
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={
          isTooLong
            ? t("conversationSettings.systemPromptTooLong", { length: text.length, max: MAX_SYSTEM_PROMPT_LENGTH })
            : undefined
        }
      />
      <InlineAlert message={error} />
      <SaveButton
        label={t("conversationSettings.saveSystemPrompt")}
        isPending={isPending}
        isSaved={isSaved}
        savedLabel={t("admin.saved")}
      />
    </form>
  );
}
