// Reads a text/event-stream response into events, with the time each arrived (for pacing assertions).
export type ReceivedEvent = { id?: string; event: string; data: unknown; receivedAt: number };

export async function* readEvents(response: Response): AsyncGenerator<ReceivedEvent> {
  if (!response.body) return;
  const reader = response.body.getReader();
  try {
    yield* parseEvents(reader);
  } finally {
    // A consumer that stops early (a browser leaving) closes the connection.
    await reader.cancel();
  }
}

async function* parseEvents(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<ReceivedEvent> {
  const decoder = new TextDecoder();
  let buffer = "";
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    let boundary = buffer.indexOf("\n\n");
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf("\n\n");
      const fields = new Map<string, string>();
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const separator = line.indexOf(": ");
        fields.set(line.slice(0, separator), line.slice(separator + 2));
      }
      const data = fields.get("data");
      if (data === undefined) continue;
      yield {
        id: fields.get("id"),
        event: fields.get("event") ?? "message",
        data: JSON.parse(data),
        receivedAt: Date.now(),
      };
    }
  }
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
