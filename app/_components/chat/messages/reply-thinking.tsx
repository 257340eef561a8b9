import { useEffect, useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { ThinkingBlock } from "@/app/_components/markdown";
import { useTranslator } from "@/app/_i18n/translator-provider";

/**
 * How long the model thought: as stored with the reply, else as this page saw it (from the first thought it showed
 * to the first word of the answer); null when neither is known.
 */
function useThinkingDuration(isThinking: boolean, storedMs: number | null): number | null {
  const [startedAt] = useState(() => (isThinking ? Date.now() : null));
  const [measuredMs, setMeasuredMs] = useState<number | null>(null);
  useEffect(() => {
    if (!isThinking && startedAt !== null) setMeasuredMs((current) => current ?? Date.now() - startedAt);
  }, [isThinking, startedAt]);
  return storedMs ?? measuredMs;
}

// "Thinking…" while the model thinks, then "Thought for 14 s" once the answer begins.
export function ReplyThinking({ message }: { message: ChatMessage }) {
  const { t } = useTranslator();
  const isThinking = message.status === "STREAMING" && message.content === "";
  const durationMs = useThinkingDuration(isThinking, message.reasoningMs);
  if (!message.reasoning) return null;
  let label = t("thinking.thought");
  if (isThinking) label = t("thinking.inProgress");
  else if (durationMs !== null) label = t("thinking.thoughtFor", { count: Math.max(1, Math.round(durationMs / 1000)) });
  return <ThinkingBlock label={label} source={message.reasoning} isActive={isThinking} />;
}
