// The usage dashboard reads daily roll-ups of the ledger (UsageUserDay, UsageTeamDay), which triggers on ReplyUsage
// keep equal to the ledger's sums: a chat reply's row, a /v1 call's row, and the cascades of a deleted team, model or
// user all move them, with no code of their own.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertApiUsage } from "@/lib/db/api-usage";
import { db } from "@/lib/db/client";
import { createId } from "@/lib/db/ids";
import { startChatSession } from "../support/chat-session";
import { makeModel, makeTeam, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

type Sums = { key: string; prompt: number; completion: number; replies: number };

async function byUser(userId: string): Promise<Sums[]> {
  return db().$queryRaw<Sums[]>`
    SELECT to_char(day, 'YYYY-MM-DD') || ' ' || "modelId" AS key, "promptTokens"::int AS prompt,
           "completionTokens"::int AS completion, replies
      FROM "UsageUserDay" WHERE "userId" = ${userId} ORDER BY 1`;
}

async function byTeam(teamId: string, day: string): Promise<Sums[]> {
  return db().$queryRaw<Sums[]>`
    SELECT "teamId" || ' ' || "modelId" AS key, "promptTokens"::int AS prompt, "completionTokens"::int AS completion,
           replies
      FROM "UsageTeamDay" WHERE "teamId" IN (${teamId}, '') AND day = ${day}::date ORDER BY 1`;
}

async function ledgerRow(userId: string, fields: { teamId?: string; modelId: string; at: string; prompt: number }) {
  await db().replyUsage.create({
    data: {
      id: createId(),
      userId,
      teamId: fields.teamId ?? null,
      modelId: fields.modelId,
      promptTokens: fields.prompt,
      completionTokens: 1,
      isEstimated: false,
      durationMs: 100,
      createdAt: new Date(fields.at),
    },
  });
}

describe("the usage roll-ups", () => {
  it("follow the ledger through replies, a team's, a model's and a user's deletion", async () => {
    const model = await makeModel(upstream.url, { upstreamName: `roll-${randomUUID().slice(0, 6)}` });
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const team = await makeTeam();
    // A day no other test writes in, so that the team roll-up's personal row ('') holds only these rows.
    const day = "1999-07-04";
    await ledgerRow(user.id, { teamId: team.id, modelId: model.id, at: `${day}T01:00:00Z`, prompt: 10 });
    await ledgerRow(user.id, { modelId: model.id, at: `${day}T23:00:00Z`, prompt: 20 });
    await ledgerRow(user.id, { modelId: model.id, at: "1999-07-05T00:00:00Z", prompt: 40 });
    await ledgerRow(other.id, { teamId: team.id, modelId: model.id, at: `${day}T02:00:00Z`, prompt: 100 });

    expect(await byUser(user.id)).toEqual([
      { key: `${day} ${model.id}`, prompt: 30, completion: 2, replies: 2 },
      { key: `1999-07-05 ${model.id}`, prompt: 40, completion: 1, replies: 1 },
    ]);
    expect(await byTeam(team.id, day)).toEqual([
      { key: ` ${model.id}`, prompt: 20, completion: 1, replies: 1 },
      { key: `${team.id} ${model.id}`, prompt: 110, completion: 2, replies: 2 },
    ]);

    // Deleting the team sets the ledger's teamId to null: its usage becomes personal.
    await db().team.delete({ where: { id: team.id } });
    expect(await byTeam(team.id, day)).toEqual([{ key: ` ${model.id}`, prompt: 130, completion: 3, replies: 3 }]);

    // Deleting the model sets modelId to null ('').
    await db().model.delete({ where: { id: model.id } });
    expect(await byUser(user.id)).toEqual([
      { key: `${day} `, prompt: 30, completion: 2, replies: 2 },
      { key: "1999-07-05 ", prompt: 40, completion: 1, replies: 1 },
    ]);

    // Deleting a user deletes their ledger rows, and their roll-up rows with them.
    await db().user.delete({ where: { id: other.id } });
    expect(await byUser(other.id)).toEqual([]);
    expect(await byTeam(team.id, day)).toEqual([{ key: " ", prompt: 30, completion: 2, replies: 2 }]);
  });

  it("count a chat reply as its final save writes it to the ledger", async () => {
    const chat = await startChatSession(upstream, { reply: "Three words here." });
    const events = await collectEvents(await chat.send("Hello"));
    expect(events.map((event) => event.event)).toContain("done");
    const { ownerId } = await db().conversation.findUniqueOrThrow({
      where: { id: chat.conversationId },
      select: { ownerId: true },
    });
    await expect.poll(() => db().replyUsage.count({ where: { userId: ownerId ?? "" } })).toBe(1);
    const ledger = await db().replyUsage.findFirstOrThrow({ where: { userId: ownerId ?? "" } });
    const today = new Date().toISOString().slice(0, 10);
    expect(await byUser(ownerId ?? "")).toEqual([
      {
        key: `${today} ${chat.modelId}`,
        prompt: ledger.promptTokens,
        completion: ledger.completionTokens,
        replies: 1,
      },
    ]);
    expect(ledger.completionTokens).toBeGreaterThan(0);
  });

  it("counts a /v1 call's usage on the same roll-up as the chat's", async () => {
    const model = await makeModel(upstream.url, { upstreamName: `roll-api-${randomUUID().slice(0, 6)}` });
    const user = await makeUser();
    const key = await db().apiKey.create({
      data: { userId: user.id, name: "k", prefix: "sk-parley-test", secretHash: randomUUID() },
    });
    await insertApiUsage({
      userId: user.id,
      reservationId: null,
      apiKeyId: key.id,
      modelId: model.id,
      modelVersion: 1,
      promptTokens: 7,
      completionTokens: 3,
      reasoningTokens: null,
      cachedTokens: null,
      isEstimated: false,
      timeToFirstTokenMs: 5,
      timeToAnswerMs: 5,
      durationMs: 10,
      tokensPerSecond: null,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(await byUser(user.id)).toEqual([{ key: `${today} ${model.id}`, prompt: 7, completion: 3, replies: 1 }]);
  });
});
