import { useCallback, useEffect, useRef, useState } from "react";
import { readApiError } from "./api-client";
import { createOptimisticMessage, removeMessage } from "./chat-messages";
import { fetchThread, openLiveReply, postMessage, requestStop } from "./chat-requests";
import type { ChatMessage } from "./chat-types";
import { notifyConversationsChanged } from "./conversation-events";
import { type ReplyContext, runReply } from "./run-reply";

export type ChatStream = {
  messages: ChatMessage[];
  isStreaming: boolean;
  error: string | null;
  send: (content: string) => Promise<boolean>;
  reattach: () => Promise<void>;
  stop: () => Promise<void>;
};

// The server aborts upstream and ends the stream with `done`; if that never comes, stop reading after this long.
const STOP_GRACE_MS = 5_000;
// A title may be generated after the first reply without blocking it, so the list is refreshed once more later.
const RETITLE_DELAY_MS = 3_000;
const NETWORK_ERROR_MESSAGE = "Could not reach the server. Check your connection.";

export function useChatStream(conversationId: string, initialMessages: ChatMessage[]): ChatStream {
  const [messages, setMessages] = useState(initialMessages);
  const [isStreaming, setIsStreaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const isStopRequestedRef = useRef(false);
  const hasRepliesRef = useRef(initialMessages.some((message) => message.role === "ASSISTANT"));

  // Leaving the page only stops reading; the generation itself continues on the server and is saved.
  useEffect(() => () => controllerRef.current?.abort(), []);

  // One reply streams at a time; returns null when one already does.
  const beginStream = useCallback((): AbortController | null => {
    if (controllerRef.current) return null;
    const controller = new AbortController();
    controllerRef.current = controller;
    isStopRequestedRef.current = false;
    setError(null);
    setIsStreaming(true);
    return controller;
  }, []);

  const endStream = useCallback((): void => {
    controllerRef.current = null;
    setIsStreaming(false);
  }, []);

  const createReplyContext = useCallback(
    (controller: AbortController, optimisticId: string | null): ReplyContext => ({
      optimisticId,
      signal: controller.signal,
      isStopRequested: () => isStopRequestedRef.current,
      updateMessages: setMessages,
      reportError: setError,
    }),
    [],
  );

  // Resolves false when the server refused the message, so the caller can give the text back to the user.
  const send = useCallback(
    async (content: string): Promise<boolean> => {
      const controller = beginStream();
      if (!controller) return false;
      const clientMessageId = crypto.randomUUID();
      const optimistic = createOptimisticMessage(content, clientMessageId, null);
      setMessages((current) => [...current, optimistic]);
      try {
        const response = await postMessage(conversationId, content, clientMessageId, controller.signal);
        if (!response.ok) {
          setMessages((current) => removeMessage(current, optimistic.id));
          setError((await readApiError(response)).message);
          return false;
        }
        // The server may title an untitled conversation from its first message as the turn starts.
        if (!hasRepliesRef.current) notifyConversationsChanged();
        await runReply(response, createReplyContext(controller, optimistic.id));
        refreshConversationList(!hasRepliesRef.current);
        hasRepliesRef.current = true;
        return true;
      } catch {
        if (controller.signal.aborted) return false;
        setMessages((current) => removeMessage(current, optimistic.id));
        setError(NETWORK_ERROR_MESSAGE);
        return false;
      } finally {
        endStream();
      }
    },
    [conversationId, beginStream, endStream, createReplyContext],
  );

  // After a reload during a reply: follow the live generation, or show what was saved if it already ended.
  const reattach = useCallback(async (): Promise<void> => {
    const controller = beginStream();
    if (!controller) return;
    try {
      const response = await openLiveReply(conversationId, controller.signal);
      if (response.status === 200) await runReply(response, createReplyContext(controller, null));
      else {
        const thread = await fetchThread(conversationId);
        if (thread) setMessages(thread);
      }
    } catch {
      // Aborted or offline: what is already shown stays, the saved reply appears on the next visit.
    } finally {
      endStream();
    }
  }, [conversationId, beginStream, endStream, createReplyContext]);

  const stop = useCallback(async (): Promise<void> => {
    const controller = controllerRef.current;
    if (!controller || isStopRequestedRef.current) return;
    isStopRequestedRef.current = true;
    if (!(await requestStop(conversationId))) {
      isStopRequestedRef.current = false;
      if (controllerRef.current === controller) setError("Could not stop the reply. Please try again.");
      return;
    }
    setTimeout(() => {
      if (controllerRef.current === controller) controller.abort();
    }, STOP_GRACE_MS);
  }, [conversationId]);

  return { messages, isStreaming, error, send, reattach, stop };
}

function refreshConversationList(isFirstExchange: boolean): void {
  notifyConversationsChanged();
  if (isFirstExchange) setTimeout(notifyConversationsChanged, RETITLE_DELAY_MS);
}
