"use client";

import { useId, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { TextAreaField } from "@/app/_components/ui/form-field";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_SYSTEM_PROMPT_LENGTH } from "@/lib/limits";

/** The new chat's own system prompt, refused before anything is sent while it is over the limit. */
export function systemPromptTooLong(prompt: string): { length: number; max: number } | null {
  return prompt.length > MAX_SYSTEM_PROMPT_LENGTH ? { length: prompt.length, max: MAX_SYSTEM_PROMPT_LENGTH } : null;
}

type NewChatPromptProps = { prompt: string; onChange: (prompt: string) => void };

// A new chat may start with its own system prompt, as its settings set one later: folded behind a button beside the
// model, which says when one is written.
export function NewChatPrompt({ prompt, onChange }: NewChatPromptProps) {
  const { t } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const fieldId = useId();
  const tooLong = systemPromptTooLong(prompt);
  return (
    <>
      <Button variant="ghost" aria-expanded={isOpen} aria-controls={fieldId} onClick={() => setIsOpen(!isOpen)}>
        {prompt.trim() ? t("newChat.systemPromptSet") : t("newChat.systemPrompt")}
      </Button>
      <div id={fieldId} hidden={!isOpen} className="w-full">
        <TextAreaField
          label={t("conversationSettings.systemPrompt")}
          hint={t("conversationSettings.systemPromptHint")}
          name="systemPrompt"
          rows={4}
          value={prompt}
          onChange={(event) => onChange(event.target.value)}
          error={tooLong ? t("conversationSettings.systemPromptTooLong", tooLong) : undefined}
        />
      </div>
    </>
  );
}
