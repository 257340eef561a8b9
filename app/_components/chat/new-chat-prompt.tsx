"use client";

import { useId, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { TextAreaField } from "@/app/_components/ui/form-field";
import type { useTextLimit } from "@/app/_components/ui/use-limited-text";
import { useTranslator } from "@/app/_i18n/translator-provider";

type NewChatPromptProps = { prompt: ReturnType<typeof useTextLimit> };

// A new chat may start with its own system prompt, as its settings set one later: folded behind a button beside the
// model, which says when one is written. The new chat sends it with the conversation it starts.
export function NewChatPrompt({ prompt }: NewChatPromptProps) {
  const { t } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const fieldId = useId();
  return (
    <>
      <Button variant="ghost" aria-expanded={isOpen} aria-controls={fieldId} onClick={() => setIsOpen(!isOpen)}>
        {prompt.text.trim() ? t("newChat.systemPromptSet") : t("newChat.systemPrompt")}
      </Button>
      <div id={fieldId} hidden={!isOpen} className="w-full">
        <TextAreaField
          label={t("conversationSettings.systemPrompt")}
          hint={t("conversationSettings.systemPromptHint")}
          name="systemPrompt"
          rows={4}
          ref={prompt.fieldRef}
          value={prompt.text}
          onChange={(event) => prompt.setText(event.target.value)}
          error={prompt.tooLong ? t("conversationSettings.systemPromptTooLong", prompt.tooLong) : undefined}
        />
      </div>
    </>
  );
}
