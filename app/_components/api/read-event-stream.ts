import { createEventStreamParser, type ServerSentEvent } from "@/lib/http/event-stream-parser";

export type { ServerSentEvent };

/** Reads a text/event-stream response body, one event at a time. */
export async function* readEventStream(response: Response): AsyncGenerator<ServerSentEvent> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const ready: ServerSentEvent[] = [];
  const parser = createEventStreamParser((event) => ready.push(event));
  try {
    while (true) {
      const { done, value } = await reader.read();
      parser.push(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      if (done) parser.end();
      yield* ready.splice(0);
      if (done) break;
    }
  } finally {
    // Runs when the consumer stops early too: cancelling tells the browser to drop the connection.
    await reader.cancel().catch(() => undefined);
  }
}
