import { readEventStream } from "@/app/_components/api/read-event-stream";
import type { ReplyErrorCause, StartEvent } from "@/app/_components/api/types";
import { parseReplyEvent, type ReplyEventData } from "@/lib/live/reply-events";

export type ReplyHandlers = {
  onStart: (start: StartEvent) => void;
  onDelta: (text: string) => void;
  onReasoning: (text: string) => void;
  onDone: (status: ReplyEventData<"done">["status"], finishReason: string | null) => void;
  // `code`: the server's (lib/errors.ts), for the sentence in the reader's language; absent for an unreadable event.
  onError: (message: string, cause?: ReplyErrorCause, code?: string) => void;
  // After the reply ended: the model's title for a new conversation (docs/architecture.md, "The live-event contract").
  onTitle: (title: ReplyEventData<"title">) => void;
};

const REPLY_FAILED_MESSAGE = "The reply failed.";

// Dispatches the events of one reply stream, each checked against the live-event contract. Returns true once a
// final event (done or error) arrived, false when the stream ended without one. The stream may stay open after
// the final event for a `title`: that part is read on in the background, so the reply's end is not delayed by it.
// Unknown events (later additions) are ignored.
export async function consumeReply(response: Response, handlers: ReplyHandlers): Promise<boolean> {
  const events = readEventStream(response);
  // Read with next() rather than for-await, whose early return would close the stream before a title comes.
  for (let next = await events.next(); !next.done; next = await events.next()) {
    const parsed = parseReplyEvent(next.value);
    if (parsed.status === "unknown") continue;
    if (parsed.status === "invalid") {
      // A reply whose start or end cannot be read has failed as far as this page can tell; a bad delta is skipped.
      if (parsed.name === "start" || parsed.name === "error") handlers.onError(REPLY_FAILED_MESSAGE);
      else if (parsed.name === "done") handlers.onDone("COMPLETE", null);
      if (parsed.name === "delta" || parsed.name === "reasoning" || parsed.name === "title") continue;
      await events.return(undefined);
      return true;
    }
    const { event } = parsed;
    if (event.name === "start") handlers.onStart(event.data);
    else if (event.name === "delta") handlers.onDelta(event.data.text);
    else if (event.name === "reasoning") handlers.onReasoning(event.data.text);
    else if (event.name === "title") handlers.onTitle(event.data);
    else {
      if (event.name === "done") handlers.onDone(event.data.status, event.data.finishReason);
      else handlers.onError(event.data.message, event.data.cause, event.data.code);
      void readTitle(events, handlers);
      return true;
    }
  }
  return false;
}

async function readTitle(events: AsyncGenerator<{ event: string; data: unknown }>, handlers: ReplyHandlers) {
  try {
    for await (const received of events) {
      const parsed = parseReplyEvent(received);
      if (parsed.status === "valid" && parsed.event.name === "title") handlers.onTitle(parsed.event.data);
    }
  } catch {
    // The page left or the connection dropped: the title shows on the next load of the list instead.
  }
}
