// Context windows on real turns: what the model receives, the manifest the reply keeps, and overflow.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

// 30 tokens of o200k_base each: "alpha" words are one token apiece.
const longText = (label: string) => `${label} ${"alpha ".repeat(29)}`.trim();

describe("context windows", () => {
  it("sends the newest messages that fit, drops the oldest whole and records what it did", async () => {
    // Budget: 200 - 60 reserved for the reply - 3 priming = 137 tokens.
    const chat = await startChatSession(upstream, { reply: "ok" }, { contextWindow: 200, maxOutputTokens: 60 });
    for (const label of ["first", "second", "third"]) await collectEvents(await chat.send(longText(label)));

    const lastCall = chat.upstreamCalls().at(-1)?.body as {
      messages: { role: string; content: string }[];
      max_tokens: number;
    };
    expect(lastCall.max_tokens).toBe(60);
    // third (30+4) + ok (1+4) + second (30+4) + ok (1+4) = 78; first (30+4) would make 112 + its reply... fits?
    // The window keeps adding while it fits: 78 + 34 = 112 <= 137, then "ok" of nothing older: all five sent.
    expect(lastCall.messages.map((message) => message.content)).toEqual([
      longText("first"),
      "ok",
      longText("second"),
      "ok",
      longText("third"),
    ]);

    await collectEvents(await chat.send(longText("fourth")));
    const fourthCall = chat.upstreamCalls().at(-1)?.body as { messages: { content: string }[] };
    expect(fourthCall.messages.map((message) => message.content)).toEqual([
      "ok",
      longText("second"),
      "ok",
      longText("third"),
      "ok",
      longText("fourth"),
    ]);

    const view = await (await chat.client.fetch(`/api/conversations/${chat.conversationId}`)).json();
    const lastReply = view.messages.at(-1);
    expect(lastReply.context).toMatchObject({
      encoding: "o200k_base",
      contextWindow: 200,
      reservedForReply: 60,
      budget: 137,
      sentMessages: 6,
      droppedMessages: 1,
      droppedTokens: 30,
      model: { upstreamName: chat.upstreamName, version: 1 },
    });
    expect(lastReply.context.sentMessageIds).toHaveLength(6);
  });

  it("refuses a message that cannot fit with the system prompt, before any upstream call or write", async () => {
    const chat = await startChatSession(
      upstream,
      { reply: "ok" },
      { contextWindow: 100, maxOutputTokens: 40, systemPrompt: "alpha ".repeat(20).trim() },
    );
    const response = await chat.send("alpha ".repeat(40).trim());
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "context_overflow",
        // With each message's framing (4 tokens): the figure compared with what is available.
        message: "This message is too long for the model: 68 tokens with the system prompt, 57 available.",
        details: { messageTokens: 40, systemTokens: 20, requiredTokens: 68, budget: 57 },
      },
    });
    expect(chat.upstreamCalls()).toHaveLength(0);
    expect(await chat.storedMessages()).toEqual([]);
  });

  it("caches each message's token count, so a window never re-tokenizes the history", async () => {
    const chat = await startChatSession(upstream, { reply: "Four tokens here now" });
    const events = await collectEvents(await chat.send("Hello world, this is a test."));
    const { userMessageId, assistantMessageId } = startedIds(events);
    const stored = await chat.storedMessages();
    expect(stored.find((message) => message.id === userMessageId)).toMatchObject({
      tokenCount: 8,
      tokenEncoding: "o200k_base",
      depth: 0,
      threadTokens: 8,
    });
    expect(stored.find((message) => message.id === assistantMessageId)).toMatchObject({
      tokenCount: 4,
      depth: 1,
      threadTokens: 12,
    });
  });
});
