"use client";

import type { FormEvent } from "react";
import type { ConversationDetails } from "@/app/_components/api/types";
import { useFormOutcome } from "@/app/_components/api/use-form-outcome";
import { patchConversation } from "@/app/_components/chat/chat-requests";
import { TextAreaField } from "@/app/_components/ui/form-field";
import { InlineAlert } from "@/app/_components/ui/inline-alert";
import { SaveButton } from "@/app/_components/ui/submit-button";
import { useLimitedText } from "@/app/_components/ui/use-limited-text";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_SYSTEM_PROMPT_LENGTH } from "@/lib/limits";

type SystemPromptFormProps = {
  details: ConversationDetails;
  /** The conversation as saved; the dialog stays open, for the model's parameters below. */
  onSaved: (details: ConversationDetails) => void;
  /** Whether the field holds text other than the saved prompt. */
  onEdited: (isEdited: boolean) => void;
};

// The conversation's own system prompt: sent on each of its turns after the admin's prompt, before the requester's
// custom instructions (lib/chat/system-prompt.ts).
export function SystemPromptForm({ details, onSaved, onEdited }: SystemPromptFormProps) {
  const { t } = useTranslator();
  const { save, error, isPending, isSaved, formProps } = useFormOutcome({ refreshesPage: false });
  const { text, setText, fieldRef, tooLong, isSendable } = useLimitedText(
    details.systemPrompt ?? "",
    MAX_SYSTEM_PROMPT_LENGTH,
  );

  async function handleSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!isSendable()) return;
    const saved = await save(() => patchConversation(details.id, { systemPrompt: text }));
    if (!saved) return;
    onEdited(false);
    onSaved(saved);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(event)} {...formProps} className="mt-4 flex flex-col gap-3">
      <TextAreaField
        label={t("conversationSettings.systemPrompt")}
        hint={t("conversationSettings.systemPromptHint")}
        name="systemPrompt"
        rows={5}
        ref={fieldRef}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onEdited(event.target.value.trim() !== (details.systemPrompt ?? ""));
        }}
        error={tooLong ? t("conversationSettings.systemPromptTooLong", tooLong) : undefined}
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
