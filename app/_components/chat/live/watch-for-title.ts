import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import type { ConversationDetails } from "@/app/_components/api/types";
import { fetchConversation } from "@/app/_components/chat/chat-requests";

// A title is generated after the first reply without blocking it; it is looked for a little later, and once more
// for slow models, until it differs from the one shown when the reply ended.
const RETITLE_DELAYS_MS = [3_000, 10_000];

export async function watchForTitle(
  conversationId: string,
  shownTitle: string,
  onLoadedRef: { current: (details: ConversationDetails) => void },
): Promise<void> {
  for (const [attempt, delay] of RETITLE_DELAYS_MS.entries()) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const result = await fetchConversation(conversationId);
    const isRetitled = result.isOk && result.data.title !== shownTitle;
    // The sidebar looks on the first attempt in any case: it may have missed a title that came in earlier.
    if (isRetitled || attempt === 0) notifyConversationsChanged();
    if (isRetitled) {
      onLoadedRef.current(result.data);
      return;
    }
  }
}
