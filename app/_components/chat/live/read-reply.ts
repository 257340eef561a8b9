import type { MessageStatus, ReplyErrorCause } from "@/app/_components/api/types";
import { consumeReply } from "./consume-reply";
import { createDeltaBuffer } from "./delta-buffer";
import type { ThreadAction } from "./thread-reducer";

export type ReplyReading = {
  // The stand-in reply shown before `start` (a regeneration's), on which an early failure shows; null: none.
  placeholderReplyId: string | null;
  signal: AbortSignal;
  isStopRequested: () => boolean;
  dispatch: (action: ThreadAction) => void;
  // The model's title for the conversation, which may follow the reply's end on its stream.
  onTitle: (title: string) => void;
};

const CONNECTION_LOST_MESSAGE = "The connection was lost before the reply finished.";

// Reads one streamed reply into the thread, from `start` to its final status, whatever way the stream ends.
export async function readReply(response: Response, reading: ReplyReading): Promise<void> {
  const { dispatch } = reading;
  let replyId: string | null = reading.placeholderReplyId;
  const buffer = createDeltaBuffer((text) => {
    if (replyId) dispatch({ type: "delta", replyId, text });
  });
  const reasoningBuffer = createDeltaBuffer((text) => {
    if (replyId) dispatch({ type: "reasoning", replyId, text });
  });

  function finish(status: MessageStatus, errorMessage?: string, errorCause?: ReplyErrorCause): void {
    reasoningBuffer.flush();
    buffer.flush();
    if (replyId) dispatch({ type: "ended", replyId, status, errorMessage, errorCause });
    else if (errorMessage) dispatch({ type: "failed", error: errorMessage });
  }

  try {
    const isFinished = await consumeReply(response, {
      onStart: (start) => {
        replyId = start.assistantMessage.id;
        dispatch({ type: "started", start });
      },
      onDelta: (text) => buffer.push(text),
      onReasoning: (text) => reasoningBuffer.push(text),
      onDone: (status) => finish(status),
      onError: (message, cause) => finish("ERROR", message, cause),
      onTitle: ({ title }) => reading.onTitle(title),
    });
    if (!isFinished) finish("ERROR", CONNECTION_LOST_MESSAGE);
  } catch {
    if (!reading.signal.aborted) finish("ERROR", CONNECTION_LOST_MESSAGE);
    else if (reading.isStopRequested()) finish("INTERRUPTED");
    // Otherwise the view was closed: the server keeps generating and saves the reply, nothing left to show.
    else {
      reasoningBuffer.discard();
      buffer.discard();
    }
  }
}
