// Server-Sent Events parsing, for the browser reading Parley's replies and for the server reading a provider's
// stream. Network chunks can split a line or an event anywhere, so text is buffered until a blank line closes an
// event. Line endings are "\n" or "\r\n" (a lone "\r" is not supported: at a chunk boundary it cannot be told
// apart from the first half of "\r\n").
export type ServerSentEvent = { id?: string; event: string; data: unknown };

export type EventStreamParser = {
  /** Text as it arrives, decoded; calls back once for each event it completes. */
  push: (text: string) => void;
  /** The stream ended: an event the server left without its closing blank line still counts. */
  end: () => void;
};

export function createEventStreamParser(onEvent: (event: ServerSentEvent) => void): EventStreamParser {
  let buffer = "";
  return {
    push(text) {
      buffer += text;
      if (buffer.includes("\r")) buffer = buffer.replaceAll("\r\n", "\n");
      let boundary = buffer.indexOf("\n\n");
      while (boundary !== -1) {
        const event = parseEventBlock(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
        if (event) onEvent(event);
        boundary = buffer.indexOf("\n\n");
      }
    },
    end() {
      const lastEvent = parseEventBlock(buffer);
      buffer = "";
      if (lastEvent) onEvent(lastEvent);
    },
  };
}

function parseEventBlock(block: string): ServerSentEvent | null {
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

// OpenAI's end marker, once per reply: not JSON, and a failed JSON.parse (a SyntaxError with its stack) costs far more
// CPU than the comparison.
const DONE_MARKER = "[DONE]";

function parseData(text: string): unknown {
  if (text === DONE_MARKER) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
