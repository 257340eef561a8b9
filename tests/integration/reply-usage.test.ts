// The usage ledger: one row per reply that reached the model, with the provider's figures (or the tokenizer's,
// marked estimated) and Parley's timings, keyed to user, team, model and version; read per user per day.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getDailyTokensForUser } from "@/lib/db/reply-usage";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { addMember, makeModel, makePerson, makeTeam, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function ownerOf(chat: ChatSession): Promise<string | null> {
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
  return conversation.ownerId;
}

describe("the usage ledger", () => {
  it("records the provider's figures and the timings once per reply", async () => {
    const usage = { promptTokens: 40, completionTokens: 30, reasoningTokens: 12, cachedTokens: 16 };
    const chat = await startChatSession(upstream, { chunks: ["One ", "two ", "three."], paceMs: 20, usage });
    const { assistantMessageId } = startedIds(await collectEvents(await chat.send("Count to three")));
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("COMPLETE");

    const rows = await db().replyUsage.findMany({ where: { messageId: assistantMessageId } });
    expect(rows).toHaveLength(1);
    const model = await db().model.findUniqueOrThrow({ where: { id: chat.modelId } });
    expect(rows[0]).toMatchObject({
      userId: await ownerOf(chat),
      teamId: null,
      modelId: chat.modelId,
      modelVersion: model.version,
      promptTokens: 40,
      completionTokens: 30,
      reasoningTokens: 12,
      cachedTokens: 16,
      isEstimated: false,
    });
    const row = rows[0];
    if (!row) throw new Error("No usage row");
    expect(row.timeToFirstTokenMs).not.toBeNull();
    expect(row.timeToAnswerMs).toBe(row.timeToFirstTokenMs);
    // Three deltas 20 ms apart: the reply streamed for at least 40 ms after its first token.
    expect(row.durationMs - (row.timeToFirstTokenMs ?? 0)).toBeGreaterThanOrEqual(40);
    expect(row.tokensPerSecond).toBeGreaterThan(0);
  });

  it("counts with the tokenizer, marked estimated, when the provider reports no usage", async () => {
    const chat = await startChatSession(upstream, { chunks: ["Hello ", "there."], usage: "none" });
    const { assistantMessageId } = startedIds(await collectEvents(await chat.send("Hi")));
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("COMPLETE");

    const reply = await db().message.findUniqueOrThrow({ where: { id: assistantMessageId } });
    const row = await db().replyUsage.findUniqueOrThrow({ where: { messageId: assistantMessageId } });
    expect(row).toMatchObject({ isEstimated: true, completionTokens: reply.tokenCount, reasoningTokens: null });
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(reply.promptTokens).toBeNull();
  });

  it("writes nothing for a reply the model refused before any token", async () => {
    const chat = await startChatSession(upstream, { failBeforeStream: { status: 400 } });
    const { assistantMessageId } = startedIds(await collectEvents(await chat.send("Hi")));
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("ERROR");
    expect(await db().replyUsage.count({ where: { messageId: assistantMessageId } })).toBe(0);
  });

  it("is carried by the thread and the JSON export, on the reply only", async () => {
    const usage = { promptTokens: 21, completionTokens: 2, reasoningTokens: 5, cachedTokens: 0 };
    const chat = await startChatSession(upstream, { chunks: ["Hi ", "back."], usage });
    const { userMessageId, assistantMessageId } = startedIds(await collectEvents(await chat.send("Hi")));
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("COMPLETE");
    const figures = { promptTokens: 21, completionTokens: 2, reasoningTokens: 5, cachedTokens: 0, isEstimated: false };

    const thread = (await (await chat.client.fetch(`/api/conversations/${chat.conversationId}`)).json()) as {
      messages: { id: string; usage: unknown }[];
    };
    expect(thread.messages.find((message) => message.id === userMessageId)?.usage).toBeNull();
    expect(thread.messages.find((message) => message.id === assistantMessageId)?.usage).toMatchObject(figures);

    const exported = await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=json`);
    const file = (await exported.json()) as { conversation: { messages: { id: string; usage: unknown }[] } };
    const reply = file.conversation.messages.find((message) => message.id === assistantMessageId);
    expect(reply?.usage).toMatchObject({ ...figures, durationMs: expect.any(Number) });
    expect(reply?.usage).not.toHaveProperty("userId");
  });

  it("is charged to whoever asked, with the conversation's team", async () => {
    const upstreamName = `model-${randomUUID().slice(0, 8)}`;
    upstream.scenarioForModel(upstreamName, { reply: "Sure." });
    const model = await makeModel(upstream.url, { upstreamName });
    const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "EDITOR"), addMember(team.id, ben.id, "EDITOR")]);
    const created = await ana.client.json("/api/conversations", { modelId: model.id });
    const { id } = (await created.json()) as { id: string };
    expect((await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT")).status).toBe(200);

    const sent = startedIds(
      await collectEvents(await ben.client.json(`/api/conversations/${id}/messages`, { content: "Hi" })),
    );
    const regenerate = `/api/conversations/${id}/messages/${sent.assistantMessageId}/regenerate`;
    const again = startedIds(await collectEvents(await ana.client.json(regenerate, {})));

    await expect
      .poll(() =>
        db().replyUsage.findMany({ where: { message: { conversationId: id } }, orderBy: { createdAt: "asc" } }),
      )
      .toMatchObject([
        { messageId: sent.assistantMessageId, userId: ben.id, teamId: team.id, modelId: model.id },
        { messageId: again.assistantMessageId, userId: ana.id, teamId: team.id, modelId: model.id },
      ]);
  });

  it("sums a user's tokens per UTC day, and nobody else's", async () => {
    const [user, other] = [await makeUser(), await makeUser()];
    const figures = { completionTokens: 5, isEstimated: false, durationMs: 100 };
    await db().replyUsage.createMany({
      data: [
        { userId: user.id, promptTokens: 10, createdAt: new Date("2026-03-01T00:30:00Z"), ...figures },
        { userId: user.id, promptTokens: 20, createdAt: new Date("2026-03-01T23:30:00Z"), ...figures },
        { userId: user.id, promptTokens: 40, createdAt: new Date("2026-03-02T12:00:00Z"), ...figures },
        { userId: user.id, promptTokens: 80, createdAt: new Date("2026-03-05T12:00:00Z"), ...figures },
        { userId: other.id, promptTokens: 1000, createdAt: new Date("2026-03-01T12:00:00Z"), ...figures },
      ],
    });

    const days = await getDailyTokensForUser(
      user.id,
      new Date("2026-03-01T00:00:00Z"),
      new Date("2026-03-05T00:00:00Z"),
    );
    expect(days).toEqual([
      { day: "2026-03-01", promptTokens: 30, completionTokens: 10, replies: 2 },
      { day: "2026-03-02", promptTokens: 40, completionTokens: 5, replies: 1 },
    ]);
  });
});
