import { useEffect, useLayoutEffect, useRef } from "react";
import { readEventStream } from "@/app/_components/api/read-event-stream";
import { openConversationEvents } from "@/app/_components/chat/chat-requests";
import { parseWatchEvent } from "@/lib/live/reply-events";

type WatchHandlers = {
  // Another member (or another tab) started a reply, or the watch came back after a drop during which one may have
  // run: follow the running reply on the re-attach stream (which fetches the thread once it ends, or at once).
  onActivity: () => void;
  // The server answered 404 or 401: the caller was removed from the team, or the conversation left it.
  onAccessLost: () => void;
};

// A dropped connection (a restart, a network change) tries again after this long.
const RETRY_MS = 3_000;

/**
 * While a team conversation is open, listens to GET /api/conversations/{id}/events, so that a turn someone else
 * takes appears and streams here without a reload.
 */
export function useConversationWatch(conversationId: string, isWatched: boolean, handlers: WatchHandlers): void {
  const handlersRef = useRef(handlers);
  useLayoutEffect(() => {
    handlersRef.current = handlers;
  });

  useEffect(() => {
    if (!isWatched) return;
    const controller = new AbortController();
    void watch(conversationId, controller.signal, handlersRef);
    return () => controller.abort();
  }, [conversationId, isWatched]);
}

async function watch(conversationId: string, signal: AbortSignal, handlers: { current: WatchHandlers }) {
  let hasConnected = false;
  while (!signal.aborted) {
    const response = await openConversationEvents(conversationId, signal).catch(() => null);
    if (response?.status === 404 || response?.status === 401) {
      if (!signal.aborted) handlers.current.onAccessLost();
      return;
    }
    if (response?.ok) {
      try {
        for await (const received of readEventStream(response)) {
          const parsed = parseWatchEvent(received);
          if (parsed.status !== "valid") continue;
          const { name } = parsed.event;
          if (name === "reply" || (name === "ready" && hasConnected)) handlers.current.onActivity();
          hasConnected = true;
        }
      } catch {
        // The connection dropped (or the page left): try again below unless the page is gone.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}
