// A reply outlives its browser: re-attaching resumes it without gaps or repeats; tabs may send at once.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { startChatSession } from "../support/chat-session";
import { makeAdmin, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, deltaText, type ReceivedEvent, readEvents, startedIds } from "../support/read-events";
import { signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const words = Array.from({ length: 40 }, (_, index) => `w${index} `);

describe("re-attaching to a reply", () => {
  it("resumes after Last-Event-ID with no missing or repeated text, and answers 204 once it is over", async () => {
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 30 });
    const first: ReceivedEvent[] = [];
    for await (const event of readEvents(await chat.send("Count"))) {
      first.push(event);
      if (first.length === 4) break;
    }
    const lastId = first.at(-1)?.id ?? "";
    const resumed = await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`, {
      headers: { "last-event-id": lastId },
    });
    expect(resumed.status).toBe(200);
    const rest = await collectEvents(resumed);
    expect(Number(rest[0]?.id)).toBe(Number(lastId) + 1);
    expect(deltaText(first) + deltaText(rest)).toBe(words.join(""));
    expect(rest.map((event) => event.event).slice(-2)).toEqual(["done", "title"]);
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`)).status).toBe(204);
  });

  it("lets a second tab follow the whole reply from its start", async () => {
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 20 });
    const sending = collectEvents(await chat.send("Count"));
    const secondTab = await chat.client.fetch(`/api/conversations/${chat.conversationId}/stream`);
    const [sent, followed] = await Promise.all([sending, collectEvents(secondTab)]);
    expect(followed.map((event) => event.id)).toEqual(sent.map((event) => event.id));
    expect(deltaText(followed)).toBe(words.join(""));
  });

  it("saves the partial text while streaming, at most about once a second", async () => {
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 60 });
    const stream = collectEvents(await chat.send("Slowly"));
    await vi.waitFor(
      async () => {
        const reply = (await chat.storedMessages())[1];
        expect(reply?.status).toBe("STREAMING");
        expect(reply?.content.length).toBeGreaterThan(0);
      },
      { timeout: 5_000, interval: 50 },
    );
    await stream;
    const reply = (await chat.storedMessages())[1];
    expect(reply).toMatchObject({ status: "COMPLETE", content: words.join("") });
  });
});

describe("concurrency", () => {
  it("takes one of two tabs sending at once; the other waits for the reply, then continues from all of it", async () => {
    const chat = await startChatSession(upstream, { chunks: words.slice(0, 10), paceMs: 100 });
    const sent = await Promise.all([chat.send("From tab one"), chat.send("From tab two")]);
    const taken = sent.find((response) => response.status === 200);
    const refused = sent.find((response) => response.status === 409);
    if (!taken || !refused) throw new Error(`Expected one 200 and one 409, got ${sent.map((r) => r.status)}`);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("reply_in_progress");
    const events = await collectEvents(taken);
    const firstReply = deltaText(events);
    expect(firstReply).toBe(words.slice(0, 10).join(""));
    // Nothing of the refused message was stored: one exchange, its reply ended.
    const afterFirst = await chat.storedMessages();
    expect(afterFirst.map((message) => [message.role, message.status])).toEqual([
      ["USER", "COMPLETE"],
      ["ASSISTANT", "COMPLETE"],
    ]);

    await collectEvents(await chat.send("Sent again"));
    const messages = await chat.storedMessages();
    expect(messages.map((message) => message.parentId)).toEqual([
      null,
      messages[0]?.id,
      messages[1]?.id,
      messages[2]?.id,
    ]);
    // The model saw the whole first reply, and the thread's running token count includes it.
    const context = chat.upstreamCalls().at(-1)?.body.messages as { role: string; content: string }[];
    expect(context.filter((message) => message.role !== "system").map((message) => message.content)).toEqual([
      afterFirst[0]?.content,
      firstReply,
      "Sent again",
    ]);
    expect(messages[2]?.threadTokens).toBe((messages[1]?.threadTokens ?? 0) + (messages[2]?.tokenCount ?? 0));
  });

  it("stops a reply, and the model's call, when its account is deleted with its private conversation", async () => {
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 100 });
    const { ownerId } = await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    const sending = await chat.send("A long answer");
    await vi.waitFor(() => expect(chat.upstreamCalls()).toHaveLength(1), { timeout: 5_000 });
    const [call] = chat.upstreamCalls();
    if (!call) throw new Error("The model was not asked");
    expect((await adminClient.fetch(`/api/admin/users/${ownerId}`, { method: "DELETE" })).status).toBe(204);
    await sending.body?.cancel().catch(() => {});
    // The model's call is ended at once rather than paid for to its end (4 s), for a reply nobody can read.
    const recorded = upstream.requests.find((request) => request.receivedAt === call.receivedAt);
    if (!recorded) throw new Error("The model's call was not recorded");
    await upstream.waitForClientClose(recorded, 2_000);
  });

  it("does not let another user stop or follow a running reply", async () => {
    const chat = await startChatSession(upstream, { chunks: words.slice(0, 15), paceMs: 30 });
    const sending = collectEvents(await chat.send("Mine"));
    const intruder = await makeUser();
    const other = await signedInClient(intruder.email, intruder.password);
    const stop = await other.fetch(`/api/conversations/${chat.conversationId}/stop`, { method: "POST" });
    const follow = await other.fetch(`/api/conversations/${chat.conversationId}/stream`);
    expect([stop.status, follow.status]).toEqual([404, 404]);
    const ending = (await sending).slice(-2);
    expect(ending).toMatchObject([{ event: "done", data: { status: "COMPLETE" } }, { event: "title" }]);
  });

  it("refuses new messages and regenerations once the model is disabled", async () => {
    const chat = await startChatSession(upstream, { reply: "ok" });
    const events = await collectEvents(await chat.send("Hi"));
    const replyId = startedIds(events).assistantMessageId;
    await db().model.update({ where: { id: chat.modelId }, data: { enabled: false } });
    expect((await chat.send("Again")).status).toBe(422);
    const regenerate = await chat.client.json(
      `/api/conversations/${chat.conversationId}/messages/${replyId}/regenerate`,
      {},
    );
    expect(regenerate.status).toBe(422);
    expect(await chat.storedMessages()).toHaveLength(2);
  });
});
