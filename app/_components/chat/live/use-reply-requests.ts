import { useCallback, useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { createOptimisticMessage, createPlaceholderReply, NO_PLACEHOLDERS } from "@/app/_components/chat/chat-messages";
import { openLiveReply, postMessage, postRegenerate } from "@/app/_components/chat/chat-requests";
import type { FirstTurn } from "@/app/_components/chat/first-turn";
import type { AttachmentView } from "@/lib/live/messages";
import { createRetryKeys } from "./retry-key";
import type { ReplyOutcome, ReplyRequest } from "./use-reply-runner";

// The requests whose answer is a streamed reply, each with what it shows before the reply starts.
export function useReplyRequests(
  conversationId: string,
  // The newest message shown: a new message continues the thread from it.
  lastMessageId: () => string | null,
  followReply: (reply: ReplyRequest) => Promise<ReplyOutcome>,
) {
  const [retryKeys] = useState(createRetryKeys);

  // A refusal lets the caller give the text back to the user; an abandoned send keeps its key for a resend.
  const send = useCallback(
    async (content: string, attachments: AttachmentView[] = []): Promise<ReplyOutcome> => {
      const clientMessageId = retryKeys.keyFor(content);
      const optimistic = { ...createOptimisticMessage(content, clientMessageId, lastMessageId()), attachments };
      const attachmentIds = attachments.map((attachment) => attachment.id);
      const outcome = await followReply({
        show: { kind: "append", message: optimistic },
        request: (signal) => postMessage(conversationId, { content, clientMessageId, attachmentIds }, signal),
        placeholders: { userId: optimistic.id, replyId: null },
      });
      if (outcome === "accepted") retryKeys.settle();
      return outcome;
    },
    [conversationId, lastMessageId, followReply, retryKeys],
  );

  // The first message of a new chat, sent before this page loaded: follows its reply.
  const followFirstTurn = useCallback(
    (turn: FirstTurn): Promise<ReplyOutcome> => {
      const optimistic = {
        ...createOptimisticMessage(turn.content, turn.clientMessageId, null),
        attachments: turn.attachments,
      };
      return followReply({
        // The thread may already hold the message (loaded after the server saved it): then it is not shown twice.
        show: { kind: "append", message: optimistic, unlessShown: true },
        request: (signal) => {
          signal.addEventListener("abort", () => turn.controller.abort(), { once: true });
          return turn.response;
        },
        placeholders: { userId: optimistic.id, replyId: null },
      });
    },
    [followReply],
  );

  // A new version of a user message: the thread below it is replaced once the server accepts the new text.
  const edit = useCallback(
    async (message: ChatMessage, content: string, attachments: AttachmentView[]): Promise<boolean> => {
      const clientMessageId = crypto.randomUUID();
      const versions = message.siblingIds.length > 0 ? message.siblingIds : [message.id];
      const optimistic = {
        ...createOptimisticMessage(content, clientMessageId, message.parentId, versions),
        attachments,
      };
      // The edited message's files that the new version keeps are copied to it by the server; new ones are claimed.
      const attachmentIds = attachments.map((attachment) => attachment.id);
      const outcome = await followReply({
        showAfterAccepted: { kind: "replace", messageId: message.id, message: optimistic },
        request: (signal) =>
          postMessage(conversationId, { content, clientMessageId, parentId: message.parentId, attachmentIds }, signal),
        placeholders: { userId: optimistic.id, replyId: null },
      });
      return outcome === "accepted";
    },
    [conversationId, followReply],
  );

  const regenerate = useCallback(
    async (message: ChatMessage): Promise<void> => {
      const placeholder = createPlaceholderReply(message);
      await followReply({
        show: { kind: "replace", messageId: message.id, message: placeholder },
        request: (signal) => postRegenerate(conversationId, message.id, signal),
        placeholders: { userId: null, replyId: placeholder.id },
      });
    },
    [conversationId, followReply],
  );

  // After a reload during a reply: follow the live reply (204: none), then show what was saved.
  const reattach = useCallback(async (): Promise<void> => {
    await followReply({ request: (signal) => openLiveReply(conversationId, signal), placeholders: NO_PLACEHOLDERS });
  }, [conversationId, followReply]);

  return { send, followFirstTurn, edit, regenerate, reattach };
}
