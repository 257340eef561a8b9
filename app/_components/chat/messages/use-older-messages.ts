import type { ChatMessage } from "@/app/_components/api/types";
import { type LoadMore, useLoadMore } from "@/app/_components/api/use-load-more";
import { isSaved } from "@/app/_components/chat/chat-messages";
import { fetchOlderMessages } from "@/app/_components/chat/chat-requests";

export type OlderMessages = LoadMore & { hasOlder: boolean };

/**
 * Reads the thread's older pages on demand: the oldest message shown says whether there is more above it. A page that
 * failed is told with Retry, and tried again on its own when that may help, as the sidebar's pages are (useLoadMore).
 */
export function useOlderMessages(
  conversationId: string,
  messages: ChatMessage[],
  showOlder: (older: ChatMessage[]) => void,
): OlderMessages {
  const oldest = messages[0];
  const hasOlder = Boolean(oldest?.parentId) && oldest !== undefined && isSaved(oldest);
  const oldestId = hasOlder ? oldest?.id : undefined;
  const more = useLoadMore(
    () => (oldestId ? fetchOlderMessages(conversationId, oldestId) : null),
    (page) => showOlder(page.messages),
  );
  return { ...more, hasOlder };
}
