// Reads a text/event-stream response into events, with the time each arrived (for pacing assertions). It uses the
// browser's own parser, so the server is tested against the client that really reads it.
import { readEventStream, type ServerSentEvent } from "../../app/_components/api/read-event-stream";

export type ReceivedEvent = ServerSentEvent & { receivedAt: number };

export async function* readEvents(response: Response): AsyncGenerator<ReceivedEvent> {
  for await (const event of readEventStream(response)) yield { ...event, receivedAt: Date.now() };
}

export async function collectEvents(response: Response): Promise<ReceivedEvent[]> {
  const events: ReceivedEvent[] = [];
  for await (const event of readEvents(response)) events.push(event);
  return events;
}

/** The message ids that a stream's `start` event announced. */
export function startedIds(events: ReceivedEvent[]): { userMessageId: string; assistantMessageId: string } {
  const start = events.find((event) => event.event === "start");
  if (!start) throw new Error(`No start event in: ${events.map((event) => event.event).join(", ")}`);
  const data = start.data as { userMessage: { id: string }; assistantMessage: { id: string } };
  return { userMessageId: data.userMessage.id, assistantMessageId: data.assistantMessage.id };
}

/** The text a stream's `delta` events carried, in order. */
export function deltaText(events: ReceivedEvent[]): string {
  return events
    .filter((event) => event.event === "delta")
    .map((event) => (event.data as { text: string }).text)
    .join("");
}

/** Reads a stream until `until` holds for what was read so far; returns the events and the rest of the stream. */
export async function readUntil(response: Response, until: (events: ReceivedEvent[]) => boolean) {
  const stream = readEvents(response);
  const events: ReceivedEvent[] = [];
  while (!until(events)) {
    const next = await stream.next();
    if (next.done) break;
    events.push(next.value);
  }
  const rest = async () => {
    for await (const event of stream) events.push(event);
    return events;
  };
  return { events, rest };
}

export const deltasAtLeast = (count: number) => (events: ReceivedEvent[]) =>
  events.filter((event) => event.event === "delta").length >= count;
