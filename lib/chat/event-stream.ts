// Server-Sent Events for a generation: each event as it happens, never the accumulated text.
import type { Generation, GenerationEventName } from "./generation";

const HEARTBEAT_MS = 15_000;

export const eventStreamHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

export function encodeEvent(id: number, event: GenerationEventName, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Streams a generation's events after `afterEventId`. Closing the response only unsubscribes: the reply goes on. */
export function createEventStreamResponse(generation: Generation, afterEventId = 0): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
      const unsubscribe = generation.subscribe(afterEventId, (event) => {
        controller.enqueue(encoder.encode(event.frame));
        if (event.event === "done" || event.event === "error") {
          cleanup();
          controller.close();
        }
      });
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      if (generation.finished) cleanup();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { headers: eventStreamHeaders });
}
