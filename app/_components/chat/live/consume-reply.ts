import { readEventStream } from "@/app/_components/api/read-event-stream";
import { deltaEventSchema, doneEventSchema, errorEventSchema, startEventSchema } from "@/app/_components/api/schemas";
import type { DoneEvent, ReplyErrorCause, StartEvent } from "@/app/_components/api/types";

export type ReplyHandlers = {
  onStart: (start: StartEvent) => void;
  onDelta: (text: string) => void;
  onDone: (done: DoneEvent) => void;
  onError: (message: string, cause?: ReplyErrorCause) => void;
};

export const REPLY_FAILED_MESSAGE = "The reply failed.";

// Dispatches the events of one reply stream. Returns true once a final event (done or error) arrived, false when
// the stream ended without one. Unknown events (keep-alives, later additions) are ignored.
export async function consumeReply(response: Response, handlers: ReplyHandlers): Promise<boolean> {
  for await (const { event, data } of readEventStream(response)) {
    if (event === "start") {
      const start = startEventSchema.safeParse(data);
      if (!start.success) {
        handlers.onError(REPLY_FAILED_MESSAGE);
        return true;
      }
      handlers.onStart(start.data);
    } else if (event === "delta") {
      const delta = deltaEventSchema.safeParse(data);
      if (delta.success) handlers.onDelta(delta.data.text);
    } else if (event === "done") {
      const done = doneEventSchema.safeParse(data);
      handlers.onDone(done.success ? done.data : { finishReason: "stop", status: "COMPLETE" });
      return true;
    } else if (event === "error") {
      const failure = errorEventSchema.safeParse(data);
      if (failure.success) handlers.onError(failure.data.message, failure.data.cause);
      else handlers.onError(REPLY_FAILED_MESSAGE);
      return true;
    }
  }
  return false;
}
