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
