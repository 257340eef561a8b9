import { useCallback, useRef, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import type { ChatMessage } from "@/app/_components/api/types";
import { isSaved } from "@/app/_components/chat/chat-messages";
import { fetchOlderMessages } from "@/app/_components/chat/chat-requests";
import { useTranslator } from "@/app/_i18n/translator-provider";

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
