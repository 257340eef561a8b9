// Reading a provider's stream: each event's data as JSON when it is JSON, else as its text (OpenAI's end marker).
import { describe, expect, it } from "vitest";
import { createEventStreamParser, type ServerSentEvent } from "@/lib/http/event-stream-parser";

describe("the event-stream parser", () => {
  it("reads JSON data as values and the [DONE] marker or other text as text, across split chunks", () => {
    const events: ServerSentEvent[] = [];
    const parser = createEventStreamParser((event) => events.push(event));
    const stream = 'data: {"choices":[{"delta":{"content":"Hi"}}]}\r\n\r\ndata: [DONE]\n\ndata: [DONE]x\n\ndata: plain';
    for (let start = 0; start < stream.length; start += 7) parser.push(stream.slice(start, start + 7));
    parser.end();
    expect(events).toEqual([
      { event: "message", data: { choices: [{ delta: { content: "Hi" } }] } },
      { event: "message", data: "[DONE]" },
      { event: "message", data: "[DONE]x" },
      { event: "message", data: "plain" },
    ]);
  });
});
