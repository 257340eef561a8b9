import { useCallback, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { describeError } from "./api-client";
import { isSaved } from "./chat-messages";
import { fetchOlderMessages } from "./chat-requests";
import type { ChatMessage } from "./chat-types";

export type OlderMessages = { hasOlder: boolean; isLoading: boolean; error: string | null; load: () => Promise<void> };

/** Reads the thread's older pages on demand: the oldest message shown says whether there is more above it. */
export function useOlderMessages(
  conversationId: string,
  messages: ChatMessage[],
  showOlder: (older: ChatMessage[]) => void,
): OlderMessages {
  const translator = useTranslator();

  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const isLoadingRef = useRef(false);
  const oldest = messages[0];
  const hasOlder = Boolean(oldest?.parentId) && oldest !== undefined && isSaved(oldest);
  const oldestId = hasOlder ? oldest?.id : undefined;

  const load = useCallback(async (): Promise<void> => {
    if (!oldestId || isLoadingRef.current) return;
    isLoadingRef.current = true;
    setIsLoading(true);
    const result = await fetchOlderMessages(conversationId, oldestId);
    isLoadingRef.current = false;
    setIsLoading(false);
    if (!result.isOk) {
      setError(describeError(result.error, translator));
      return;
    }
    setError(null);
    showOlder(result.data.messages);
  }, [conversationId, oldestId, showOlder, translator]);

  return { hasOlder, isLoading, error, load };
}
