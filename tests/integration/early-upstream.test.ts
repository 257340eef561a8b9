// A new turn asks the model while its write is still on its way (lib/chat/early-upstream.ts): the reply is streamed
// only once the write has committed, and a write that fails ends the model's call and sends nothing.
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { db, pool } from "@/lib/db/client";
import { waitUntilSomeoneWaitsFor } from "../support/blocked-by";
import { makeModel, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";
import { signedInClient } from "../support/session-client";

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
  const model = await makeModel(upstream.url, { upstreamName });
  const user = await makeUser();
  const client = await signedInClient(user.email, user.password);
  const created = await client.json("/api/conversations", { modelId: model.id });
  const { id: conversationId } = (await created.json()) as { id: string };
  const streamedCalls = () =>
    upstream.requests.filter((request) => {
      const body = request.body as { model?: string; stream?: boolean };
      return body.model === upstreamName && body.stream === true;
    });
  return { client, conversationId, streamedCalls };
}

/** Another transaction holding the conversation's lock, as a turn being written in another tab would. */
async function lockConversation(conversationId: string) {
  const other = await pool().connect();
  await other.query("BEGIN");
  await other.query(`SELECT 1 FROM "Conversation" WHERE id = $1 FOR UPDATE`, [conversationId]);
  return other;
}

it("asks the model while the turn's write waits, and streams the reply once the turn is written", async () => {
  const { client, conversationId, streamedCalls } = await startChat({ reply: "Early bird." });
  const other = await lockConversation(conversationId);
  try {
    const answer = client.json(`/api/conversations/${conversationId}/messages`, { content: "Hello" });
    await vi.waitFor(() => expect(streamedCalls()).toHaveLength(1), { timeout: 5_000 });
    expect(await db().message.count({ where: { conversationId } })).toBe(0);
    await other.query("COMMIT");

    const events = await collectEvents(await answer);
    expect(events.map((event) => event.event)).toEqual(["start", "delta", "delta", "done", "title"]);
    const stored = await db().message.findMany({ where: { conversationId }, orderBy: { depth: "asc" } });
    expect(stored.map(({ role, content, status }) => ({ role, content, status }))).toEqual([
      { role: "USER", content: "Hello", status: "COMPLETE" },
      { role: "ASSISTANT", content: "Early bird.", status: "COMPLETE" },
    ]);
    expect(streamedCalls()).toHaveLength(1);
  } finally {
    other.release();
  }
});

it("ends the model's call and sends no reply when the turn's write then fails", async () => {
  // The model's answer stays open until Parley leaves it.
  const { client, conversationId, streamedCalls } = await startChat({ chunks: ["a ", "b "], stallAfterChunks: 1 });
  const other = await lockConversation(conversationId);
  try {
    const answer = client.json(`/api/conversations/${conversationId}/messages`, { content: "Hello" });
    await vi.waitFor(() => expect(streamedCalls()).toHaveLength(1), { timeout: 5_000 });
    // Deleted while the turn waited for its lock: the write finds no conversation.
    await other.query(`DELETE FROM "Conversation" WHERE id = $1`, [conversationId]);
    await other.query("COMMIT");

    const response = await answer;
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    const [call] = streamedCalls();
    if (!call) throw new Error("The model was not called");
    await upstream.waitForClientClose(call);
    expect(await db().message.count({ where: { conversationId } })).toBe(0);
  } finally {
    other.release();
  }
});

it("never asks the model again for a repeated message", async () => {
  const { client, conversationId, streamedCalls } = await startChat({ reply: "Only once." });
  const body = { content: "Hi", clientMessageId: "client-id-early-0001" };
  await collectEvents(await client.json(`/api/conversations/${conversationId}/messages`, body));
  const repeat = await collectEvents(await client.json(`/api/conversations/${conversationId}/messages`, body));
  expect(repeat.map((event) => event.event)).toEqual(["start", "delta", "done"]);
  expect(streamedCalls()).toHaveLength(1);
});

it("stops the reply as it starts when Stop comes while the turn is being written", async () => {
  const chunks = Array.from({ length: 100 }, (_, index) => `w${index} `);
  const { client, conversationId, streamedCalls } = await startChat({ chunks, paceMs: 30 });
  const other = await lockConversation(conversationId);
  try {
    const answer = client.json(`/api/conversations/${conversationId}/messages`, { content: "Hello" });
    await vi.waitFor(() => expect(streamedCalls()).toHaveLength(1), { timeout: 5_000 });
    const stop = await client.json(`/api/conversations/${conversationId}/stop`, {});
    expect(await stop.json()).toEqual({ stopped: 1 });
    await other.query("COMMIT");

    const events = await collectEvents(await answer);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });
    await expect
      .poll(async () => (await db().message.findMany({ where: { conversationId, role: "ASSISTANT" } }))[0]?.status)
      .toBe("INTERRUPTED");
  } finally {
    other.release();
  }
});

it("stops a regeneration as it starts when Stop comes while it is being written (its call is not sent early)", async () => {
  const chunks = Array.from({ length: 100 }, (_, index) => `w${index} `);
  const { client, conversationId, streamedCalls } = await startChat({ chunks, paceMs: 30 });
  const first = await collectEvents(
    await client.json(`/api/conversations/${conversationId}/messages`, { content: "Hi" }),
  );
  const replyId = startedIds(first).assistantMessageId;
  const other = await lockConversation(conversationId);
  try {
    const answer = client.json(`/api/conversations/${conversationId}/messages/${replyId}/regenerate`, {});
    // The regeneration's statement waits for the lock this test holds.
    await waitUntilSomeoneWaitsFor(other);
    const stop = await client.json(`/api/conversations/${conversationId}/stop`, {});
    expect(await stop.json()).toEqual({ stopped: 1 });
    await other.query("COMMIT");

    const events = await collectEvents(await answer);
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });
    const regenerated = startedIds(events).assistantMessageId;
    await expect
      .poll(async () => (await db().message.findUnique({ where: { id: regenerated } }))?.status)
      .toBe("INTERRUPTED");
    expect(streamedCalls().length).toBeLessThanOrEqual(2);
  } finally {
    other.release();
  }
});
