import type { MessageStatus } from "@/app/_components/api/types";
import type { ReplyEnding } from "@/app/_components/chat/chat-messages";
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
  // What the reader is told, in their language, when the stream stays cut after every attempt to resume it.
  connectionLostMessage: string;
  // What the reader is told, in their language, when resuming is refused because their session has ended.
  sessionEndedMessage: string;
};

/** The code a reply ended by a lost connection shows under (the browser's own; the server never sends it). */
export const CONNECTION_LOST_CODE = "connection_lost";
/** The server's code for a request without a usable session (lib/errors.ts): no later try can read the reply. */
const SESSION_ENDED_CODE = "unauthorized";

/** How a stream ended: with the reply's end (or the view's), or cut before it, which the caller may resume. */
type ReplyOutcome = { isLost: false } | { isLost: true; replyId: string | null };

// A stream cut before the reply's end (a network blip, a proxy's timeout, the server process restarting while
// another one runs the reply) is resumed: re-attached after each of these waits, from the reply's start (the
// thread shows it again as it comes). Only then is the loss shown.
const RESUME_DELAYS_MS = [500, 2_000, 5_000];

/**
 * Reads a reply into the thread, resuming its stream through `resume` (the conversation's re-attach: 204 when
 * nothing runs any more, the reply having ended meanwhile) when it is cut.
 */
export async function readResumingReply(
  response: Response,
  reading: ReplyReading,
  resume: (signal: AbortSignal) => Promise<Response>,
): Promise<void> {
  let outcome = await readReply(response, reading);
  // The reply the thread shows: a resumed stream cut again before its `start` still ends it.
  let replyId = reading.placeholderReplyId;
  for (const delay of RESUME_DELAYS_MS) {
    if (!outcome.isLost) return;
    replyId = outcome.replyId ?? replyId;
    if (!(await waitUnlessAborted(delay, reading.signal))) break;
    const resumed = await resume(reading.signal).catch(() => null);
    if (resumed?.status === 401) return endAsSessionEnded(reading, replyId);
    if (!resumed?.ok) continue;
    if (resumed.status === 204) return;
    outcome = await readReply(resumed, { ...reading, placeholderReplyId: replyId });
  }
  if (!outcome.isLost) return;
  replyId = outcome.replyId ?? replyId;
  if (reading.signal.aborted) {
    // Stopped while waiting to resume: the reply ends as stopped (the saved thread follows); a closed view shows nothing.
    if (reading.isStopRequested() && replyId) reading.dispatch({ type: "ended", replyId, status: "INTERRUPTED" });
  } else if (replyId) {
    const { connectionLostMessage: errorMessage } = reading;
    reading.dispatch({ type: "ended", replyId, status: "ERROR", errorCode: CONNECTION_LOST_CODE, errorMessage });
  } else reading.dispatch({ type: "failed", error: reading.connectionLostMessage });
}

/** Signed out, disabled or deleted since the stream was cut: said at once, rather than after every other try. */
function endAsSessionEnded(reading: ReplyReading, replyId: string | null): void {
  const errorMessage = reading.sessionEndedMessage;
  if (replyId)
    reading.dispatch({ type: "ended", replyId, status: "ERROR", errorCode: SESSION_ENDED_CODE, errorMessage });
  else reading.dispatch({ type: "failed", error: errorMessage });
}

/** Resolves true after `delay`, or false as soon as `signal` aborts. */
function waitUnlessAborted(delay: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, delay);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

// Reads one streamed reply into the thread, from `start` to its final status, whatever way the stream ends.
async function readReply(response: Response, reading: ReplyReading): Promise<ReplyOutcome> {
  const { dispatch } = reading;
  let replyId: string | null = reading.placeholderReplyId;
  const buffer = createDeltaBuffer((text) => {
    if (replyId) dispatch({ type: "delta", replyId, text });
  });
  const reasoningBuffer = createDeltaBuffer((text) => {
    if (replyId) dispatch({ type: "reasoning", replyId, text });
  });

  function finish(status: MessageStatus, ending: Omit<ReplyEnding, "status"> = {}): void {
    reasoningBuffer.flush();
    buffer.flush();
    if (replyId) dispatch({ type: "ended", replyId, status, ...ending });
    else if (ending.errorMessage) dispatch({ type: "failed", error: ending.errorMessage });
  }
  // What came is shown; the end is left to the caller, which tries to resume the stream first.
  function lose(): ReplyOutcome {
    reasoningBuffer.flush();
    buffer.flush();
    return { isLost: true, replyId };
  }

  try {
    const isFinished = await consumeReply(response, {
      onStart: (start) => {
        replyId = start.assistantMessage.id;
        dispatch({ type: "started", start });
      },
      onDelta: (text) => buffer.push(text),
      onReasoning: (text) => reasoningBuffer.push(text),
      onDone: (status, finishReason) => finish(status, { finishReason }),
      onError: (errorMessage, errorCause, errorCode) => finish("ERROR", { errorMessage, errorCause, errorCode }),
      onTitle: ({ title }) => reading.onTitle(title),
    });
    if (!isFinished) return lose();
  } catch {
    if (!reading.signal.aborted) return lose();
    if (reading.isStopRequested()) finish("INTERRUPTED");
    // Otherwise the view was closed: the server keeps generating and saves the reply, nothing left to show.
    else {
      reasoningBuffer.discard();
      buffer.discard();
    }
  }
  return { isLost: false };
}
