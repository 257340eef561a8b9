export type ServerSentEvent = { id?: string; event: string; data: unknown };

// Reads a text/event-stream response body. Network chunks can split a line or an event anywhere, so text is
// buffered until a blank line closes an event. Line endings are "\n" or "\r\n" (a lone "\r" is not supported:
// at a chunk boundary it cannot be told apart from the first half of "\r\n").
export async function* readEventStream(response: Response): AsyncGenerator<ServerSentEvent> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    while (true) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      buffer = buffer.replaceAll("\r\n", "\n");
      let boundary = buffer.indexOf("\n\n");
      while (boundary !== -1) {
        const event = parseEventBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (event) yield event;
        boundary = buffer.indexOf("\n\n");
      }
      if (done) break;
    }
    // Be lenient with a server that closes without the final blank line.
    const lastEvent = parseEventBlock(buffer);
    if (lastEvent) yield lastEvent;
  } finally {
    // Runs when the consumer stops early too: cancelling tells the browser to drop the connection.
    await reader.cancel().catch(() => undefined);
  }
}

export function parseEventBlock(block: string): ServerSentEvent | null {
  let id: string | undefined;
  let event = "message";
  const dataLines: string[] = [];
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const rawValue = colon === -1 ? "" : line.slice(colon + 1);
    const value = rawValue.startsWith(" ") ? rawValue.slice(1) : rawValue;
    if (field === "id") id = value;
    else if (field === "event") event = value;
    else if (field === "data") dataLines.push(value);
  }
  // Per the SSE spec an event without data is not dispatched (it may only carry an id or a keep-alive).
  if (dataLines.length === 0) return null;
  const text = dataLines.join("\n");
  return id === undefined ? { event, data: parseData(text) } : { id, event, data: parseData(text) };
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
