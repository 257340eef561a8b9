"use client";

import { useTranslator } from "@/app/_i18n/translator-provider";

// Above the thread, for everyone who reads the conversation: its own system prompt shapes every reply they see or
// ask for. Folded, so that it costs one line; its owner changes it in the conversation's settings.
export function SystemPromptNote({ prompt }: { prompt: string }) {
  const { t } = useTranslator();
  return (
    <details className="border-line shrink-0 border-b text-sm">
      <summary className="text-ink-muted mx-auto w-full max-w-3xl cursor-pointer px-4 py-2">
        {t("conversationSettings.systemPromptShown")}
      </summary>
      <p className="mx-auto max-h-48 w-full max-w-3xl overflow-y-auto px-4 pb-3 break-words whitespace-pre-wrap">
        {prompt}
      </p>
    </details>
  );
}
