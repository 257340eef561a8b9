import { type Dispatch, type RefObject, type SetStateAction, useCallback, useRef } from "react";
import { describeError, readApiError } from "@/app/_components/api/api-client";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import type { ChatMessage } from "@/app/_components/api/types";
import type { Placeholders } from "@/app/_components/chat/chat-messages";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { runReply } from "./run-reply";

export type Activity = "idle" | "streaming" | "switching";

// Whatever changes the thread holds the lock, so one reply streams at a time and versions cannot switch under it.
export type ThreadLock = {
  activity: Exclude<Activity, "idle">;
  controller: AbortController;
  isStopRequested: boolean;
};

// One request whose answer is a streamed reply: a new message, an edit, a regeneration, or a re-attach.
export type Turn = {
  request: (signal: AbortSignal) => Promise<Response>;
  // Shown at once; taken back if the server refuses.
  showBefore?: (messages: ChatMessage[]) => ChatMessage[];
  // Shown once the server accepted the request; until then the thread stays as it was.
  showAfterAccepted?: (messages: ChatMessage[]) => ChatMessage[];
  placeholders: Placeholders;
};

// `count` grows with every lock, so that work started under an older one can tell it is out of date.
export type ThreadLockState = { held: ThreadLock | null; count: number };

type TurnRunnerOptions = {
  lockRef: RefObject<ThreadLockState>;
  messagesRef: RefObject<ChatMessage[]>;
  setMessages: Dispatch<SetStateAction<ChatMessage[]>>;
  setActivity: (activity: Activity) => void;
  setError: (error: string | null) => void;
  // Called when a reply ended while this view was still reading it (finished, failed or stopped).
  onReplied: () => void;
  // The model titled the conversation (after its first reply, on that reply's stream).
  onTitle: (title: string) => void;
};

export function useTurnRunner({
  lockRef,
  messagesRef,
  setMessages,
  setActivity,
  setError,
  onReplied,
  onTitle,
}: TurnRunnerOptions) {
  const translator = useTranslator();
  const hasRepliesRef = useRef(messagesRef.current.some(isFinishedReply));

  // Returns null when something else already holds the lock.
  const lock = useCallback(
    (activity: ThreadLock["activity"]): ThreadLock | null => {
      if (lockRef.current.held) return null;
      const acquired: ThreadLock = { activity, controller: new AbortController(), isStopRequested: false };
      lockRef.current = { held: acquired, count: lockRef.current.count + 1 };
      setError(null);
      setActivity(activity);
      return acquired;
    },
    [lockRef, setActivity, setError],
  );

  const unlock = useCallback(
    (released: ThreadLock): void => {
      if (lockRef.current.held !== released) return;
      lockRef.current = { ...lockRef.current, held: null };
      setActivity("idle");
    },
    [lockRef, setActivity],
  );

  // Resolves false when the server refused the request (or the view closed), true once the reply was followed.
  const runTurn = useCallback(
    async (turn: Turn): Promise<boolean> => {
      const held = lock("streaming");
      if (!held) return false;
      const { signal } = held.controller;
      const previous = messagesRef.current;
      const isFirstExchange = !hasRepliesRef.current;
      let isReplied = false;
      if (turn.showBefore) setMessages(turn.showBefore);
      try {
        const response = await turn.request(signal);
        if (!response.ok) {
          setMessages(previous);
          setError(describeError(await readApiError(response), translator));
          return false;
        }
        if (turn.showAfterAccepted) setMessages(turn.showAfterAccepted);
        // The server may title an untitled conversation from its first message as the turn starts.
        if (isFirstExchange) notifyConversationsChanged();
        // 204: nothing was live any more (a re-attach after the reply ended); the saved thread is fetched below.
        if (response.status !== 204) {
          await runReply(response, {
            placeholders: turn.placeholders,
            signal,
            isStopRequested: () => held.isStopRequested,
            updateMessages: setMessages,
            reportError: setError,
            onTitle,
          });
        }
        isReplied = !signal.aborted || held.isStopRequested;
        hasRepliesRef.current = true;
        return true;
      } catch {
        if (signal.aborted) return false;
        setMessages(previous);
        setError(translator.t("errors.network"));
        return false;
      } finally {
        unlock(held);
        if (isReplied) onReplied();
      }
    },
    [lock, unlock, messagesRef, setMessages, setError, onReplied, onTitle, translator],
  );

  return { lock, unlock, runTurn };
}

function isFinishedReply(message: ChatMessage): boolean {
  return message.role === "ASSISTANT" && message.status !== "STREAMING";
}
