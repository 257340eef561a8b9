import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from "react";
import { describeError } from "@/app/_components/api/api-client";
import { notifyConversationRenamed, notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import type { ChatMessage, ConversationDetails } from "@/app/_components/api/types";
import {
  fetchConversation,
  openLiveReply,
  requestStop,
  selectCurrentMessage,
} from "@/app/_components/chat/chat-requests";
import type { FirstTurn } from "@/app/_components/chat/first-turn";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { releaseLock, type ThreadLockState, takeLock } from "./thread-lock";
import {
  initialThreadState,
  type ThreadAction,
  type ThreadState,
  threadReducer,
  type VersionSwitch,
} from "./thread-reducer";
import { useReplyRequests } from "./use-reply-requests";
import { type ReplyOutcome, useReplyRunner } from "./use-reply-runner";

export type ChatStream = {
  messages: ChatMessage[];
  isStreaming: boolean;
  // Streaming, or switching to another version: the thread must not be changed meanwhile.
  isBusy: boolean;
  error: string | null;
  send: (content: string, attachments?: AttachmentView[]) => Promise<ReplyOutcome>;
  // The first message of a new chat, sent before this page loaded: follows its reply.
  followFirstTurn: (turn: FirstTurn) => Promise<ReplyOutcome>;
  edit: (message: ChatMessage, content: string, attachments: AttachmentView[]) => Promise<boolean>;
  regenerate: (message: ChatMessage) => Promise<void>;
  showVersion: (messageId: string) => Promise<void>;
  // The last switch of version, which the list's window follows.
  versionSwitch: VersionSwitch | null;
  reattach: () => Promise<void>;
  stop: () => Promise<void>;
  // A long thread arrives a page at a time: older pages go on top as the user scrolls up.
  showOlder: (older: ChatMessage[]) => void;
};

// The server aborts upstream and ends the stream with `done`; if that never comes, stop reading after this long.
const STOP_GRACE_MS = 5_000;

// The thread's state lives in one pure reducer (thread-reducer.ts); this hook runs the requests that feed it.
export function useChatStream(
  conversationId: string,
  initialMessages: ChatMessage[],
  onConversationLoaded: (details: ConversationDetails) => void,
): ChatStream {
  const [state, dispatch] = useReducer(threadReducer, initialMessages, initialThreadState);
  const stateRef = useRef<ThreadState>(state);
  const onLoadedRef = useRef(onConversationLoaded);
  const lockRef = useRef<ThreadLockState>({ held: null, count: 0 });
  useLayoutEffect(() => {
    stateRef.current = state;
    onLoadedRef.current = onConversationLoaded;
  });

  const showTitle = useCallback(
    (title: string): void => {
      dispatch({ type: "titled", title });
      stateRef.current = { ...stateRef.current, title };
      notifyConversationRenamed({ id: conversationId, title });
      notifyConversationsChanged();
    },
    [conversationId],
  );
  const refreshThread = useRefreshThread(conversationId, { lockRef, stateRef, onLoadedRef, dispatch });
  // Set once the requests exist (they need followReply): a refusal for a reply being written follows that reply.
  const reattachRef = useRef<() => Promise<void>>(async () => {});
  const followOtherReply = useCallback((error: string) => {
    void reattachRef.current();
    dispatch({ type: "alert", error });
  }, []);
  const resumeReply = useCallback((signal: AbortSignal) => openLiveReply(conversationId, signal), [conversationId]);
  const followReply = useReplyRunner({
    lockRef,
    initialMessages,
    dispatch,
    onReplied: refreshThread,
    onTitle: showTitle,
    onReplyInProgress: followOtherReply,
    resume: resumeReply,
  });
  const lastMessageId = useCallback(() => stateRef.current.messages.at(-1)?.id ?? null, []);
  const requests = useReplyRequests(conversationId, lastMessageId, followReply);
  useLayoutEffect(() => {
    reattachRef.current = requests.reattach;
  });
  const showVersion = useShowVersion(conversationId, { lockRef, onLoadedRef, dispatch }, requests.reattach);
  const stop = useStop(conversationId, lockRef, dispatch);

  // Leaving the page only stops reading; the reply itself continues on the server and is saved.
  useEffect(() => () => lockRef.current.held?.controller.abort(), []);

  const showOlder = useCallback((older: ChatMessage[]) => dispatch({ type: "older-loaded", messages: older }), []);
  const { messages, activity, error, versionSwitch } = state;
  return {
    messages,
    isStreaming: activity === "streaming",
    isBusy: activity !== "idle",
    error,
    ...requests,
    showVersion,
    versionSwitch,
    stop,
    showOlder,
  };
}

type ThreadRefs = {
  lockRef: { current: ThreadLockState };
  onLoadedRef: { current: (details: ConversationDetails) => void };
  dispatch: (action: ThreadAction) => void;
};

// After a reply: versions and context figures exist only in the stored thread.
function useRefreshThread(conversationId: string, refs: ThreadRefs & { stateRef: { current: ThreadState } }) {
  const { lockRef, stateRef, onLoadedRef, dispatch } = refs;
  return useCallback(async (): Promise<void> => {
    notifyConversationsChanged();
    const lockCount = lockRef.current.count;
    const titleBefore = stateRef.current.title;
    const result = await fetchConversation(conversationId);
    // Dropped when the thread changed meanwhile (another reply, another version): it would be out of date.
    if (!result.isOk || lockRef.current.count !== lockCount || lockRef.current.held) return;
    dispatch({ type: "thread-loaded", messages: result.data.messages });
    // A title announced while the thread was on its way may be newer than the one it carries.
    const { title } = stateRef.current;
    onLoadedRef.current(title !== titleBefore && title ? { ...result.data, title } : result.data);
  }, [conversationId, lockRef, stateRef, onLoadedRef, dispatch]);
}

function useShowVersion(conversationId: string, refs: ThreadRefs, reattach: () => Promise<void>) {
  const translator = useTranslator();
  const { lockRef, onLoadedRef, dispatch } = refs;
  return useCallback(
    async (messageId: string): Promise<void> => {
      const held = takeLock(lockRef, "switching");
      if (!held) return;
      dispatch({ type: "switching" });
      const result = await selectCurrentMessage(conversationId, messageId, held.controller.signal);
      releaseLock(lockRef, held);
      if (held.controller.signal.aborted) return;
      if (!result.isOk) {
        dispatch({ type: "switch-failed", error: describeError(result.error, translator) });
        return;
      }
      dispatch({ type: "switched", messageId, messages: result.data.messages });
      onLoadedRef.current(result.data);
      if (result.data.messages.at(-1)?.status === "STREAMING") void reattach();
    },
    [conversationId, lockRef, onLoadedRef, dispatch, reattach, translator],
  );
}

function useStop(conversationId: string, lockRef: { current: ThreadLockState }, dispatch: ThreadRefs["dispatch"]) {
  const { t } = useTranslator();
  return useCallback(async (): Promise<void> => {
    const current = lockRef.current.held;
    if (current?.activity !== "streaming" || current.isStopRequested) return;
    current.isStopRequested = true;
    const stopped = await requestStop(conversationId);
    if (stopped === null) {
      current.isStopRequested = false;
      if (lockRef.current.held === current) dispatch({ type: "alert", error: t("composer.stopFailed") });
      return;
    }
    // Nothing was running any more: the reply is finishing on its own and its stream will say how it ended.
    if (stopped === 0) return;
    setTimeout(() => {
      if (lockRef.current.held === current) current.controller.abort();
    }, STOP_GRACE_MS);
  }, [conversationId, lockRef, dispatch, t]);
}
