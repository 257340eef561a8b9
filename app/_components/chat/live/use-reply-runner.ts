import { type RefObject, useCallback, useEffect, useRef } from "react";
import { describeError, readApiError } from "@/app/_components/api/api-client";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import type { ChatMessage } from "@/app/_components/api/types";
import type { Placeholders } from "@/app/_components/chat/chat-messages";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { readResumingReply } from "./read-reply";
import { releaseLock, type ThreadLockState, takeLock } from "./thread-lock";
import type { ThreadAction, ThreadChange } from "./thread-reducer";

// One request whose answer is a streamed reply: a new message, an edit, a regeneration, or a re-attach.
export type ReplyRequest = {
  request: (signal: AbortSignal) => Promise<Response>;
  // Shown at once; taken back if the server refuses.
  show?: ThreadChange;
  // Shown once the server accepted the request; until then the thread stays as it was.
  showAfterAccepted?: ThreadChange;
  placeholders: Placeholders;
};

type ReplyRunnerOptions = {
  lockRef: RefObject<ThreadLockState>;
  initialMessages: ChatMessage[];
  dispatch: (action: ThreadAction) => void;
  // Called when a reply ended while this view was still reading it (finished, failed or stopped).
  onReplied: () => void;
  // The model titled the conversation (after its first reply, on that reply's stream).
  onTitle: (title: string) => void;
  // The server refused a message because a reply is being written in the conversation (another tab, a team
  // member): the view follows that reply, with the refusal's sentence shown.
  onReplyInProgress: (error: string) => void;
  // Re-attaches to the conversation's running reply (204: none any more), after its stream was cut.
  resume: (signal: AbortSignal) => Promise<Response>;
};

/**
 * How a request for a reply ended, for whoever sent it: `accepted` (the reply was followed), `refused` (the server
 * said no, or never answered: nothing to show for it, so the user gets the message back to try again), `abandoned`
 * (the view closed first: the server may well have saved the message, so it must not come back as a draft).
 */
export type ReplyOutcome = "accepted" | "refused" | "abandoned";

export function useReplyRunner(options: ReplyRunnerOptions) {
  const { lockRef, initialMessages, dispatch, onReplied, onTitle, onReplyInProgress, resume } = options;
  const translator = useTranslator();
  const hasRepliesRef = useRef(initialMessages.some(isFinishedReply));
  // The last reply's request: after `done` its stream may still be open for the title, with the lock released.
  const lastRequestRef = useRef<AbortController | null>(null);

  // Leaving the page ends that wait too; the server saves the title all the same.
  useEffect(() => () => lastRequestRef.current?.abort(), []);

  const followReply = useCallback(
    async (reply: ReplyRequest): Promise<ReplyOutcome> => {
      const held = takeLock(lockRef, "streaming");
      // Another request holds the thread: this one was never made.
      if (!held) return "refused";
      const { signal } = held.controller;
      lastRequestRef.current = held.controller;
      const isFirstExchange = !hasRepliesRef.current;
      let isReplied = false;
      let replyInProgress: string | null = null;
      dispatch({ type: "requested", placeholders: reply.placeholders, show: reply.show });
      try {
        const response = await reply.request(signal);
        if (!response.ok) {
          const error = await readApiError(response);
          const sentence = describeError(error, translator);
          dispatch({ type: "refused", error: sentence });
          if (error.code === "reply_in_progress") replyInProgress = sentence;
          return "refused";
        }
        dispatch({ type: "accepted", show: reply.showAfterAccepted });
        // The server may title an untitled conversation from its first message as the turn starts.
        if (isFirstExchange) notifyConversationsChanged();
        // 204: nothing was live any more (a re-attach after the reply ended); the saved thread is fetched below.
        if (response.status !== 204) {
          const placeholderReplyId = reply.placeholders.replyId;
          const isStopRequested = () => held.isStopRequested;
          const reading = {
            placeholderReplyId,
            signal,
            isStopRequested,
            dispatch,
            onTitle,
            connectionLostMessage: translator.t("errors.connection_lost"),
            sessionEndedMessage: translator.t("errors.unauthorized"),
          };
          await readResumingReply(response, reading, resume);
        }
        isReplied = !signal.aborted || held.isStopRequested;
        hasRepliesRef.current = true;
        return "accepted";
      } catch {
        // Aborted before the server answered: the view closed (use-chat-stream.ts), not the server refusing.
        if (signal.aborted) return "abandoned";
        dispatch({ type: "refused", error: translator.t("errors.network") });
        return "refused";
      } finally {
        if (releaseLock(lockRef, held)) dispatch({ type: "released" });
        if (isReplied) onReplied();
        if (replyInProgress !== null) onReplyInProgress(replyInProgress);
      }
    },
    [lockRef, dispatch, onReplied, onTitle, onReplyInProgress, resume, translator],
  );

  return followReply;
}

function isFinishedReply(message: ChatMessage): boolean {
  return message.role === "ASSISTANT" && message.status !== "STREAMING";
}
