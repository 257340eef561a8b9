import type { ChatMessage, MessageStatus, ReplyErrorCause } from "@/app/_components/api/types";
import { appendContent, applyStart, type Placeholders, updateStatus } from "@/app/_components/chat/chat-messages";
import { consumeReply } from "./consume-reply";
import { createDeltaBuffer } from "./delta-buffer";

export type ReplyContext = {
  placeholders: Placeholders;
  signal: AbortSignal;
  isStopRequested: () => boolean;
  updateMessages: (update: (messages: ChatMessage[]) => ChatMessage[]) => void;
  reportError: (message: string) => void;
  // The model's title for the conversation, which may follow the reply's end on its stream.
  onTitle: (title: string) => void;
};

export const CONNECTION_LOST_MESSAGE = "The connection was lost before the reply finished.";

// Applies one streamed reply to the message list, from `start` to its final status, whatever way the stream ends.
export async function runReply(response: Response, context: ReplyContext): Promise<void> {
  // Before `start`, a failure lands on the placeholder reply when there is one, and in the alert otherwise.
  let assistantId: string | null = context.placeholders.replyId;
  const buffer = createDeltaBuffer((text) => {
    const id = assistantId;
    if (id) context.updateMessages((messages) => appendContent(messages, id, text));
  });

  function finish(status: MessageStatus, errorMessage?: string, errorCause?: ReplyErrorCause): void {
    buffer.flush();
    const id = assistantId;
    if (id) context.updateMessages((messages) => updateStatus(messages, id, status, errorMessage, errorCause));
    else if (errorMessage) context.reportError(errorMessage);
  }

  try {
    const isFinished = await consumeReply(response, {
      onStart: (start) => {
        assistantId = start.assistantMessage.id;
        context.updateMessages((messages) => applyStart(messages, context.placeholders, start));
      },
      onDelta: (text) => buffer.push(text),
      onDone: (status) => finish(status),
      onError: (message, cause) => finish("ERROR", message, cause),
      onTitle: ({ title }) => context.onTitle(title),
    });
    if (!isFinished) finish("ERROR", CONNECTION_LOST_MESSAGE);
  } catch {
    if (!context.signal.aborted) finish("ERROR", CONNECTION_LOST_MESSAGE);
    else if (context.isStopRequested()) finish("INTERRUPTED");
    // Otherwise the view was closed: the server keeps generating and saves the reply, nothing left to show.
    else buffer.discard();
  }
}
