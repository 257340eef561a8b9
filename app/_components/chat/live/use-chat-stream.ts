import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import { notifyConversationRenamed, notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import type { ChatMessage, ConversationDetails } from "@/app/_components/api/types";
import {
  createOptimisticMessage,
  createPlaceholderReply,
  mergeFetchedThread,
  NO_PLACEHOLDERS,
  prependOlder,
  takeBefore,
  withOlderShown,
} from "@/app/_components/chat/chat-messages";
import {
  fetchConversation,
  openLiveReply,
  postMessage,
  postRegenerate,
  requestStop,
  selectCurrentMessage,
} from "@/app/_components/chat/chat-requests";
import type { FirstTurn } from "@/app/_components/chat/first-turn";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { createRetryKeys } from "./retry-key";
import { type Activity, type ThreadLockState, type Turn, useTurnRunner } from "./use-turn-runner";

export type ChatStream = {
  messages: ChatMessage[];
  isStreaming: boolean;
  // Streaming, or switching to another version: the thread must not be changed meanwhile.
  isBusy: boolean;
  error: string | null;
  send: (content: string) => Promise<boolean>;
  // The first message of a new chat, sent before this page loaded: follows its reply (false: refused).
  followFirstTurn: (turn: FirstTurn) => Promise<boolean>;
  edit: (message: ChatMessage, content: string) => Promise<boolean>;
  regenerate: (message: ChatMessage) => Promise<void>;
  showVersion: (messageId: string) => Promise<void>;
  reattach: () => Promise<void>;
  stop: () => Promise<void>;
  // A long thread arrives a page at a time: older pages go on top as the user scrolls up.
  showOlder: (older: ChatMessage[]) => void;
};

// The server aborts upstream and ends the stream with `done`; if that never comes, stop reading after this long.
const STOP_GRACE_MS = 5_000;

export function useChatStream(
  conversationId: string,
  initialMessages: ChatMessage[],
  onConversationLoaded: (details: ConversationDetails) => void,
): ChatStream {
  const translator = useTranslator();
  const [messages, setMessages] = useState(initialMessages);
  const [activity, setActivity] = useState<Activity>("idle");
  const [error, setError] = useState<string | null>(null);
  const messagesRef = useRef(initialMessages);
  const onLoadedRef = useRef(onConversationLoaded);
  const lockRef = useRef<ThreadLockState>({ held: null, count: 0 });
  const [retryKeys] = useState(createRetryKeys);

  useLayoutEffect(() => {
    messagesRef.current = messages;
    onLoadedRef.current = onConversationLoaded;
  });

  // The title the model wrote, as its event announced it: a thread fetched meanwhile may predate it.
  const streamedTitleRef = useRef<string | null>(null);
  const showTitle = useCallback(
    (title: string): void => {
      streamedTitleRef.current = title;
      notifyConversationRenamed({ id: conversationId, title });
      notifyConversationsChanged();
    },
    [conversationId],
  );

  // After a reply: versions and context figures exist only in the stored thread.
  const refreshThread = useCallback(async (): Promise<void> => {
    notifyConversationsChanged();
    const lockCount = lockRef.current.count;
    const titleBefore = streamedTitleRef.current;
    const result = await fetchConversation(conversationId);
    // Dropped when the thread changed meanwhile (another reply, another version): it would be out of date.
    if (!result.isOk || lockRef.current.count !== lockCount || lockRef.current.held) return;
    setMessages((current) => mergeFetchedThread(current, result.data.messages));
    const streamedTitle = streamedTitleRef.current;
    onLoadedRef.current(
      streamedTitle !== titleBefore && streamedTitle ? { ...result.data, title: streamedTitle } : result.data,
    );
  }, [conversationId]);

  const { runTurn, lock, unlock } = useTurnRunner({
    lockRef,
    messagesRef,
    setMessages,
    setActivity,
    setError,
    onReplied: refreshThread,
    onTitle: showTitle,
  });

  // Leaving the page only stops reading; the generation itself continues on the server and is saved.
  useEffect(() => () => lockRef.current.held?.controller.abort(), []);

  // Resolves false when the server refused the message, so the caller can give the text back to the user.
  const send = useCallback(
    async (content: string): Promise<boolean> => {
      const clientMessageId = retryKeys.keyFor(content);
      const optimistic = createOptimisticMessage(content, clientMessageId, messagesRef.current.at(-1)?.id ?? null);
      const isAccepted = await runTurn({
        showBefore: (current) => [...current, optimistic],
        request: (signal) => postMessage(conversationId, { content, clientMessageId }, signal),
        placeholders: { userId: optimistic.id, replyId: null },
      });
      if (isAccepted) retryKeys.settle();
      return isAccepted;
    },
    [conversationId, runTurn, retryKeys],
  );

  const followFirstTurn = useCallback(
    (turn: FirstTurn): Promise<boolean> => {
      const optimistic = createOptimisticMessage(turn.content, turn.clientMessageId, null);
      return runTurn({
        // The thread may already hold the message (loaded after the server saved it): then it is not shown twice.
        showBefore: (current) => (current.length === 0 ? [optimistic] : current),
        request: (signal) => {
          signal.addEventListener("abort", () => turn.controller.abort(), { once: true });
          return turn.response;
        },
        placeholders: { userId: optimistic.id, replyId: null },
      });
    },
    [runTurn],
  );

  // A new version of a user message: the thread below it is replaced once the server accepts the new text.
  const edit = useCallback(
    (message: ChatMessage, content: string): Promise<boolean> => {
      const clientMessageId = crypto.randomUUID();
      const versions = message.siblingIds.length > 0 ? message.siblingIds : [message.id];
      const optimistic = createOptimisticMessage(content, clientMessageId, message.parentId, versions);
      const turn: Turn = {
        showAfterAccepted: (current) => [...takeBefore(current, message.id), optimistic],
        request: (signal) =>
          postMessage(conversationId, { content, clientMessageId, parentId: message.parentId }, signal),
        placeholders: { userId: optimistic.id, replyId: null },
      };
      return runTurn(turn);
    },
    [conversationId, runTurn],
  );

  const regenerate = useCallback(
    async (message: ChatMessage): Promise<void> => {
      const placeholder = createPlaceholderReply(message);
      await runTurn({
        showBefore: (current) => [...takeBefore(current, message.id), placeholder],
        request: (signal) => postRegenerate(conversationId, message.id, signal),
        placeholders: { userId: null, replyId: placeholder.id },
      });
    },
    [conversationId, runTurn],
  );

  // After a reload during a reply: follow the live generation (204: none), then show what was saved.
  const reattach = useCallback(async (): Promise<void> => {
    await runTurn({ request: (signal) => openLiveReply(conversationId, signal), placeholders: NO_PLACEHOLDERS });
  }, [conversationId, runTurn]);

  const showVersion = useCallback(
    async (messageId: string): Promise<void> => {
      const held = lock("switching");
      if (!held) return;
      const result = await selectCurrentMessage(conversationId, messageId, held.controller.signal);
      unlock(held);
      if (held.controller.signal.aborted) return;
      if (!result.isOk) {
        setError(describeError(result.error, translator));
        return;
      }
      setMessages((current) => withOlderShown(current, result.data.messages));
      onLoadedRef.current(result.data);
      if (result.data.messages.at(-1)?.status === "STREAMING") void reattach();
    },
    [conversationId, lock, unlock, reattach, translator],
  );

  const stop = useCallback(async (): Promise<void> => {
    const current = lockRef.current.held;
    if (current?.activity !== "streaming" || current.isStopRequested) return;
    current.isStopRequested = true;
    const stopped = await requestStop(conversationId);
    if (stopped === null) {
      current.isStopRequested = false;
      if (lockRef.current.held === current) setError(translator.t("composer.stopFailed"));

      return;
    }
    // Nothing was running any more: the reply is finishing on its own and its stream will say how it ended.
    if (stopped === 0) return;
    setTimeout(() => {
      if (lockRef.current.held === current) current.controller.abort();
    }, STOP_GRACE_MS);
  }, [conversationId, translator.t]);

  const showOlder = useCallback((older: ChatMessage[]) => setMessages((current) => prependOlder(current, older)), []);

  const isStreaming = activity === "streaming";
  const isBusy = activity !== "idle";
  return {
    messages,
    isStreaming,
    isBusy,
    error,
    send,
    followFirstTurn,
    edit,
    regenerate,
    showVersion,
    reattach,
    stop,
    showOlder,
  };
}
