// The live-event contract: what the server encodes, the browser's parser reads back as the same event.
import { describe, expect, it } from "vitest";
import { createEventStreamParser, type ServerSentEvent } from "@/lib/http/event-stream-parser";
import {
  encodeReplyEvent,
  encodeWatchEvent,
  parseReplyEvent,
  parseWatchEvent,
  type ReplyEventInput,
  type ReplyEventName,
  replyEventSchemas,
  type WatchEventInput,
  type WatchEventName,
  watchEventSchemas,
} from "@/lib/live/reply-events";

const message = {
  id: "m1",
  role: "USER",
  content: "Hi",
  status: "COMPLETE",
  parentId: null,
  createdAt: "2026-12-04",
} as const;
/** One example of each event as the server sends it: the record type makes a new event without an example fail. */
const replyExamples: { [K in ReplyEventName]: ReplyEventInput<K>[] } = {
  start: [
    {
      conversationId: "c1",
      userMessage: { ...message, author: { id: "u1", name: "Ada" } },
      assistantMessage: { ...message, id: "m2", role: "ASSISTANT", content: "", status: "STREAMING", parentId: "m1" },
    },
  ],
  delta: [{ text: "Hello\nworld" }],
  reasoning: [{ text: "The user greets me;\nanswer **briefly**." }],
  done: [
    { finishReason: "stop", usage: { promptTokens: 3, completionTokens: 5 }, status: "COMPLETE", context: null },
    { finishReason: null, usage: null, status: "INTERRUPTED", context: { droppedMessages: 2, droppedTokens: 40 } },
  ],
  error: [
    { code: "upstream_error", message: "The reply failed." },
    { code: "upstream_error", message: "Key rejected.", cause: { category: "auth", status: 401 } },
  ],
  title: [{ conversationId: "c1", title: "Weekend in Lisbon" }],
};
const watchExamples: { [K in WatchEventName]: WatchEventInput<K>[] } = {
  ready: [{}],
  reply: [{ assistantMessageId: "m2" }],
};

function readBack(frame: string): ServerSentEvent[] {
  const events: ServerSentEvent[] = [];
  const parser = createEventStreamParser((event) => events.push(event));
  parser.push(frame);
  parser.end();
  return events;
}

describe("the live-event contract", () => {
  it("declares an example for every reply and watch event (so the round trips below cover them all)", () => {
    expect(Object.keys(replyExamples).sort()).toEqual(Object.keys(replyEventSchemas).sort());
    expect(Object.keys(watchExamples).sort()).toEqual(Object.keys(watchEventSchemas).sort());
  });

  it("parses every encoded reply event back, with its id, name and data", () => {
    for (const [name, examples] of Object.entries(replyExamples)) {
      for (const [index, data] of examples.entries()) {
        const frame = encodeReplyEvent(index + 1, name as ReplyEventName, data as never);
        const [received] = readBack(frame);
        expect(received).toMatchObject({ id: String(index + 1), event: name });
        const parsed = parseReplyEvent(received as ServerSentEvent);
        expect(parsed).toMatchObject({ status: "valid", event: { name, data: expect.objectContaining({}) } });
      }
    }
  });

  it("parses every encoded watch event back", () => {
    for (const [name, examples] of Object.entries(watchExamples)) {
      for (const data of examples) {
        const [received] = readBack(encodeWatchEvent(1, name as WatchEventName, data as never));
        expect(parseWatchEvent(received as ServerSentEvent)).toEqual({ status: "valid", event: { name, data } });
      }
    }
  });

  it("fills a start event's message defaults the way the thread shows a message", () => {
    const [received] = readBack(encodeReplyEvent(1, "start", replyExamples.start[0] as ReplyEventInput<"start">));
    const parsed = parseReplyEvent(received as ServerSentEvent);
    if (parsed.status !== "valid" || parsed.event.name !== "start") throw new Error("start did not parse");
    expect(parsed.event.data.assistantMessage).toMatchObject({ siblingIds: [], errorCode: null, author: null });
    expect(parsed.event.data.userMessage.author).toEqual({ id: "u1", name: "Ada" });
  });

  it("tells an unknown event from a known one whose data does not match", () => {
    expect(parseReplyEvent({ event: "later-addition", data: {} })).toEqual({
      status: "unknown",
      name: "later-addition",
    });
    expect(parseReplyEvent({ event: "delta", data: { text: 3 } })).toEqual({ status: "invalid", name: "delta" });
    expect(parseReplyEvent({ event: "done", data: { status: "COMPLETE" } })).toEqual({
      status: "invalid",
      name: "done",
    });
    expect(parseWatchEvent({ event: "reply", data: {} })).toEqual({ status: "invalid", name: "reply" });
    expect(parseWatchEvent({ event: "toString", data: {} })).toEqual({ status: "unknown", name: "toString" });
  });
});
