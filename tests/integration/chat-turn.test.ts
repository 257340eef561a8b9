// A chat turn end to end over HTTP: the real server, real PostgreSQL, the real SDK and a fake upstream.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { makeModel, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, readEvents, startedIds } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

async function startChat(scenario: Parameters<FakeUpstream["scenarioForModel"]>[1]) {
  const upstreamName = `model-${Math.random().toString(36).slice(2)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { upstreamName, systemPrompt: "You are terse." });
  const user = await makeUser();
  const client = await signedInClient(user.email, user.password);
  const created = await client.json("/api/conversations", { modelId: model.id });
  const conversation = (await created.json()) as { id: string };
  return { client, conversationId: conversation.id, upstreamName, user };
}

function send(client: Client, conversationId: string, content: string, extra: object = {}) {
  return client.json(`/api/conversations/${conversationId}/messages`, { content, ...extra });
}

async function storedMessages(conversationId: string) {
  return db().message.findMany({ where: { conversationId }, orderBy: [{ createdAt: "asc" }, { depth: "asc" }] });
}

describe("a chat turn", () => {
  it("streams deltas as the upstream paces them and stores both messages with their roles and usage", async () => {
    const chunks = Array.from({ length: 20 }, (_, index) => `w${index} `);
    const { client, conversationId, upstreamName } = await startChat({
      chunks,
      paceMs: 50,
      usage: { promptTokens: 12, completionTokens: 20 },
    });
    const response = await send(client, conversationId, "Hello model");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");

    const events = await collectEvents(response);
    // A first exchange: the model's title follows the reply's end on the same stream.
    expect(events.map((event) => event.event)).toEqual(["start", ...chunks.map(() => "delta"), "done", "title"]);
    expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => index + 1));
    const deltas = events.filter((event) => event.event === "delta");
    expect(deltas.map((event) => (event.data as { text: string }).text)).toEqual(chunks);
    // Deltas arrive spread over the upstream's pace (19 gaps of 50 ms), not in one lump at the end.
    const firstDelta = deltas[0]?.receivedAt ?? 0;
    expect((deltas.at(-1)?.receivedAt ?? 0) - firstDelta).toBeGreaterThan(19 * 50 * 0.6);
    // Forwarded as it arrives: the first delta reached the browser before the upstream had even finished.
    // (The reply's call is the first; the title's follows it.)
    const upstreamCall = upstream.requests.find((each) => (each.body as { model: string }).model === upstreamName);
    expect(firstDelta).toBeLessThan(upstreamCall?.completedAt ?? 0);
    expect(events.find((event) => event.event === "done")?.data).toEqual({
      finishReason: "stop",
      status: "COMPLETE",
      usage: { promptTokens: 12, completionTokens: 20 },
      context: { droppedMessages: 0, droppedTokens: 0 },
    });

    const [userMessage, reply] = await storedMessages(conversationId);
    expect(userMessage).toMatchObject({ role: "USER", content: "Hello model", status: "COMPLETE", parentId: null });
    expect(reply).toMatchObject({
      role: "ASSISTANT",
      content: chunks.join(""),
      status: "COMPLETE",
      parentId: userMessage?.id,
      promptTokens: 12,
      completionTokens: 20,
      finishReason: "stop",
    });
  });

  it("sends the system prompt and the whole thread to the model", async () => {
    const { client, conversationId, upstreamName } = await startChat({ reply: "First answer." });
    await collectEvents(await send(client, conversationId, "First question"));
    await collectEvents(await send(client, conversationId, "Second question"));
    const bodies = upstream.requests
      .map((request) => request.body as { model: string; messages: unknown; stream: boolean })
      .filter((body) => body.model === upstreamName);
    expect(bodies.at(-1)?.stream).toBe(true);
    expect(bodies.at(-1)?.messages).toEqual([
      { role: "system", content: "You are terse." },
      { role: "user", content: "First question" },
      { role: "assistant", content: "First answer." },
      { role: "user", content: "Second question" },
    ]);
    const view = await (await client.fetch(`/api/conversations/${conversationId}`)).json();
    expect(view.messages.map((message: { role: string }) => message.role)).toEqual([
      "USER",
      "ASSISTANT",
      "USER",
      "ASSISTANT",
    ]);
  });

  it("keeps generating and saves the reply when the browser leaves mid-stream", async () => {
    const { client, conversationId } = await startChat({
      chunkCount: 10,
      reply: "one two three four five six seven eight nine ten",
      paceMs: 40,
    });
    const response = await send(client, conversationId, "Tell me");
    for await (const event of readEvents(response)) if (event.event === "delta") break;
    await vi.waitFor(
      async () => {
        const [, reply] = await storedMessages(conversationId);
        expect(reply).toMatchObject({
          status: "COMPLETE",
          content: "one two three four five six seven eight nine ten",
        });
      },
      { timeout: 5_000, interval: 100 },
    );
  });

  it("stops on request: the upstream call is aborted and the partial reply is kept as INTERRUPTED", async () => {
    const { client, conversationId, upstreamName } = await startChat({ chunkCount: 50, paceMs: 50 });
    const response = await send(client, conversationId, "Write a long story");
    const received: string[] = [];
    let stopStatus = 0;
    for await (const event of readEvents(response)) {
      if (event.event === "delta") received.push((event.data as { text: string }).text);
      if (received.length === 3 && stopStatus === 0)
        stopStatus = (await client.fetch(`/api/conversations/${conversationId}/stop`, { method: "POST" })).status;
      if (event.event === "done")
        expect(event.data).toMatchObject({ finishReason: "interrupted", status: "INTERRUPTED" });
    }
    expect(stopStatus).toBe(202);
    const request = upstream.requests.findLast((each) => (each.body as { model: string }).model === upstreamName);
    expect(request?.closedByClientAt).toBeDefined();
    const [, reply] = await storedMessages(conversationId);
    expect(reply?.status).toBe("INTERRUPTED");
    expect(reply?.content).toBe(received.join(""));
    expect(received.length).toBeLessThan(50);
  });

  it("answers a repeated clientMessageId with the same turn instead of a second one", async () => {
    const { client, conversationId } = await startChat({ reply: "Only once." });
    const first = await collectEvents(await send(client, conversationId, "Hi", { clientMessageId: "client-id-0001" }));
    const second = await collectEvents(await send(client, conversationId, "Hi", { clientMessageId: "client-id-0001" }));
    expect(startedIds(second)).toEqual(startedIds(first));
    expect(
      second
        .filter((event) => event.event === "delta")
        .map((event) => (event.data as { text: string }).text)
        .join(""),
    ).toBe("Only once.");
    expect(await storedMessages(conversationId)).toHaveLength(2);
  });
});

describe("a chat turn whose upstream fails", () => {
  it("retries a 503 before the first token, then reports an error without the provider's message", async () => {
    const { client, conversationId, upstreamName } = await startChat({
      failBeforeStream: { status: 503, retryAfterSeconds: 0, message: "secret-key-sk-123 is overloaded" },
    });
    const events = await collectEvents(await send(client, conversationId, "Hello"));
    const calls = upstream.requests.filter((each) => (each.body as { model: string }).model === upstreamName);
    expect(calls).toHaveLength(3);
    expect(events.map((event) => event.event)).toEqual(["start", "error"]);
    expect(events[1]?.data).toEqual({ code: "upstream_error", message: "The model failed to answer." });
    expect(JSON.stringify(events)).not.toContain("secret-key");
    // The server logged the failure, by status only: the provider's message (which may echo a key) stays out.
    const serverLog = () => readFileSync(inject("serverLogFile"), "utf8");
    await vi.waitFor(() => expect(serverLog()).toContain("upstream status 503"));
    expect(serverLog()).not.toContain("secret-key");
    const [userMessage, reply] = await storedMessages(conversationId);
    expect(userMessage).toMatchObject({ role: "USER", content: "Hello" });
    expect(reply).toMatchObject({ status: "ERROR", errorCode: "upstream_error", content: "" });
  });

  it("keeps the partial reply as ERROR when the stream is cut", async () => {
    const { client, conversationId } = await startChat({ chunks: ["a ", "b ", "c ", "d ", "e "], cutAfterChunks: 3 });
    const events = await collectEvents(await send(client, conversationId, "Hello"));
    expect(events.map((event) => event.event)).toEqual(["start", "delta", "delta", "delta", "error"]);
    const [, reply] = await storedMessages(conversationId);
    expect(reply).toMatchObject({ status: "ERROR", content: "a b c " });
  });

  it("keeps the partial reply as ERROR when the stream ends cleanly without a finish reason", async () => {
    const { client, conversationId } = await startChat({ chunks: ["a ", "b "], omitsFinish: true });
    const events = await collectEvents(await send(client, conversationId, "Hello"));
    expect(events.at(-1)).toMatchObject({
      event: "error",
      data: { code: "upstream_error", message: "The reply was cut off." },
    });
    const [, reply] = await storedMessages(conversationId);
    expect(reply).toMatchObject({ status: "ERROR", content: "a b " });
  });

  it("ends a stalled stream after the idle timeout and accepts the next message", async () => {
    const { client, conversationId, upstreamName } = await startChat({
      chunks: ["a ", "b ", "c ", "d "],
      stallAfterChunks: 2,
    });
    const events = await collectEvents(await send(client, conversationId, "Hello"));
    expect(events.at(-1)).toMatchObject({
      event: "error",
      data: { code: "upstream_error", message: "The model stopped answering." },
    });
    const [, reply] = await storedMessages(conversationId);
    expect(reply).toMatchObject({ status: "ERROR", content: "a b " });
    upstream.scenarioForModel(upstreamName, { reply: "Fine now." });
    const next = await collectEvents(await send(client, conversationId, "Again"));
    expect(next.at(-1)?.event).toBe("done");
  });
});

describe("a rate-limited upstream", () => {
  it("waits as long as Retry-After asks before retrying", async () => {
    const { client, conversationId, upstreamName } = await startChat({
      reply: "Finally.",
      failBeforeStream: { status: 429, retryAfterSeconds: 1, times: 1 },
    });
    const events = await collectEvents(await send(client, conversationId, "Hello"));
    expect(events.map((event) => event.event).slice(-2)).toEqual(["done", "title"]);
    // The reply's two attempts (the title's own request, not streamed, follows them).
    const calls = upstream.requests.filter((each) => {
      const body = each.body as { model: string; stream?: boolean };
      return body.model === upstreamName && body.stream === true;
    });
    expect(calls).toHaveLength(2);
    expect((calls[1]?.receivedAt ?? 0) - (calls[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });
});
