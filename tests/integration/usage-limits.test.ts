// Usage limits reserved up front: concurrent turns cannot share the same room, the chat and the API draw on one
// balance, a team's limit counts its conversations, and every turn settles to its real figures however it ends.
import { randomUUID } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type CounterSpec, reserveOnCounters, settleReservation } from "@/lib/db/usage-counters";
import { currentPeriods } from "@/lib/usage-limits/periods";
import { makeApiKey, parleyClient } from "../support/api-keys";
import { startChatSession } from "../support/chat-session";
import { addMember, makeAdmin, makeModel, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function limitUser(userId: string, tokensPerDay: number) {
  await db().usageLimit.create({ data: { subject: `user:${userId}`, userId, tokensPerDay } });
}

async function dayCounter(subject: string): Promise<number | null> {
  const counter = await db().usageCounter.findFirst({ where: { key: { startsWith: `${subject}:day:` } } });
  return counter ? Number(counter.amount) : null;
}

async function ledgerTokens(where: { userId?: string; teamId?: string }): Promise<number> {
  const rows = await db().replyUsage.findMany({ where });
  return rows.reduce((sum, row) => sum + row.promptTokens + row.completionTokens, 0);
}

/** The conversation moved to a new team that its owner owns: its turns count against the team's limit. */
async function shareWithNewTeam(conversationId: string) {
  const owner = (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).ownerId ?? "";
  const team = await db().team.create({ data: { name: `Limited ${randomUUID().slice(0, 6)}` } });
  await addMember(team.id, owner, "OWNER");
  await db().conversation.update({ where: { id: conversationId }, data: { teamId: team.id, visibility: "TEAM" } });
  return { owner, team };
}

describe("usage limits", () => {
  it("lets exactly one of 25 simultaneous requests through when there is room for one", async () => {
    const upstreamName = `race-${randomUUID().slice(0, 8)}`;
    // The call that gets through holds its reservation a while, and then really uses most of the room: a request that
    // comes late (a slow machine) finds no room either, whether before or after it settles.
    upstream.scenarioForModel(upstreamName, {
      chunks: ["ok"],
      firstByteDelayMs: 300,
      usage: { promptTokens: 100, completionTokens: 40 },
    });
    await makeModel(upstream.url, { upstreamName, maxOutputTokens: 100 });
    const admin = await makeAdmin();
    // One request's worst case is its prompt (about 10 tokens) + 100: room for one, not two.
    await limitUser(admin.id, 150);
    const client = parleyClient((await makeApiKey(admin.id)).secret);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () =>
        client.chat.completions.create({ model: upstreamName, messages: [{ role: "user", content: "Hi" }] }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((result) => result.status === "rejected").map((result) => result.reason);
    expect(refused).toHaveLength(24);
    for (const reason of refused) expect(reason).toBeInstanceOf(OpenAI.RateLimitError);
    expect(await dayCounter(`user:${admin.id}`)).toBe(140);
  });

  it("draws the chat and the API on one balance, and refuses the chat with the limit and its reset", async () => {
    const chat = await startChatSession(upstream, {
      chunks: ["Fine."],
      usage: { promptTokens: 20, completionTokens: 400 },
    });
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    const userId = conversation.ownerId ?? "";
    await db().user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    await limitUser(userId, 1500);
    const client = parleyClient((await makeApiKey(userId)).secret);
    await client.chat.completions.create({
      model: chat.upstreamName,
      messages: [{ role: "user", content: "Hi" }],
      max_tokens: 10,
    });
    expect(await dayCounter(`user:${userId}`)).toBe(420);

    // 420 used: the chat's worst case (a prompt + the model's 1024 output tokens) still fits once, then no more.
    const events = await collectEvents(await chat.send("Hello"));
    expect(events.map((event) => event.event)).toContain("done");
    await expect.poll(() => dayCounter(`user:${userId}`)).toBe(840);
    // Each ledger row names the reservation it settled (a counter made again counts an unsettled turn once).
    const rows = await db().replyUsage.findMany({ where: { userId }, select: { reservationId: true } });
    expect(rows).toEqual([{ reservationId: expect.any(String) }, { reservationId: expect.any(String) }]);
    const refused = await chat.send("Again");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as {
      error: { code: string; message: string; details: Record<string, number> };
    };
    expect(body.error.code).toBe("usage_limit_reached");
    // 660 left, and the turn could need its prompt and 1,024 tokens of reply.
    expect(body.error.message).toMatch(
      /^This request could use up to 1,0\d\d tokens \(its prompt and the longest reply allowed\), and only 660 of your 1,500 tokens for today are left; resets at 00:00 UTC\.$/,
    );
    // The model's longest reply alone (1,024 tokens) fits the limit: the page's sentence says how much is left.
    expect(body.error.details).toMatchObject({ limit: 1500, used: 840, isMonthly: 0, isTeam: 0, reply: 1024 });
    expect(body.error.details.needed).toBeGreaterThan(1024);
    expect((await chat.storedMessages()).filter((message) => message.content === "Again")).toHaveLength(0);
    const api = await client.chat.completions
      .create({ model: chat.upstreamName, messages: [{ role: "user", content: "Hi" }], max_tokens: 1000 })
      .catch((error) => error);
    expect(api).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("settles a reply that fails, and one that is stopped, to what was used", async () => {
    const failing = await startChatSession(upstream, { chunks: ["a ", "b ", "c "], cutAfterChunks: 2 });
    const owner = (await db().conversation.findUniqueOrThrow({ where: { id: failing.conversationId } })).ownerId ?? "";
    await limitUser(owner, 1_000_000);
    const events = await collectEvents(await failing.send("Hi"));
    expect(events.at(-1)).toMatchObject({ event: "error" });
    await expect.poll(() => dayCounter(`user:${owner}`)).toBe(await ledgerTokens({ userId: owner }));
    expect(
      await db().usageReservation.count({
        where: { keys: { has: `user:${owner}:day:${new Date().toISOString().slice(0, 10)}:tokens` } },
      }),
    ).toBe(0);

    const stopped = await startChatSession(upstream, {
      chunks: Array.from({ length: 100 }, (_, i) => `w${i} `),
      paceMs: 30,
    });
    const stopper =
      (await db().conversation.findUniqueOrThrow({ where: { id: stopped.conversationId } })).ownerId ?? "";
    await limitUser(stopper, 1_000_000);
    const response = await stopped.send("Go");
    await expect.poll(() => stopped.upstreamCalls().length).toBe(1);
    await stopped.client.json(`/api/conversations/${stopped.conversationId}/stop`, {});
    await collectEvents(response);
    await expect.poll(async () => (await stopped.storedMessages()).at(-1)?.status).toBe("INTERRUPTED");
    await expect.poll(() => dayCounter(`user:${stopper}`)).toBe(await ledgerTokens({ userId: stopper }));
    expect(await ledgerTokens({ userId: stopper })).toBeLessThan(1024);
  });

  it("charges an API call whose caller leaves before the answer starts, as a stopped reply is charged", async () => {
    const chat = await startChatSession(upstream, { chunks: ["Late."], firstByteDelayMs: 3_000, usage: "none" });
    const userId = (await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).ownerId ?? "";
    await db().user.update({ where: { id: userId }, data: { role: "ADMIN" } });
    await limitUser(userId, 1_000_000);
    const client = parleyClient((await makeApiKey(userId)).secret);
    const leaving = new AbortController();
    const call = client.chat.completions
      .create(
        { model: chat.upstreamName, messages: [{ role: "user", content: "A question the model reads" }], stream: true },
        { signal: leaving.signal },
      )
      .then(async (stream) => {
        for await (const _chunk of stream);
      })
      .catch(() => {});
    await expect.poll(() => chat.upstreamCalls().length).toBe(1);
    leaving.abort();
    await call;
    // The prompt was sent to the model: it is in the ledger and on the limit's counter.
    await expect.poll(() => ledgerTokens({ userId })).toBeGreaterThan(0);
    await expect.poll(() => dayCounter(`user:${userId}`)).toBe(await ledgerTokens({ userId }));
  });

  it("keeps running turns' reservations when an admin's change makes the counters again", async () => {
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    // Long enough (30 s) to be still running when it is stopped, however busy the machine: Stop ends it early.
    const chat = await startChatSession(upstream, {
      chunks: Array.from({ length: 1000 }, (_, i) => `w${i} `),
      paceMs: 30,
    });
    const owner = await db().user.findFirstOrThrow({
      where: { conversations: { some: { id: chat.conversationId } } },
      select: { id: true, email: true },
    });
    const limit = { target: { email: owner.email }, tokensPerDay: 1_000_000, tokensPerMonth: null, costPerMonth: null };
    expect((await adminClient.json("/api/admin/usage-limits", limit, "PUT")).status).toBe(200);
    const running = await chat.send("A long one");
    await expect.poll(() => chat.upstreamCalls().length).toBe(1);
    // Saved again while the turn runs: the counters go, and the next turn makes them again from the ledger.
    expect((await adminClient.json("/api/admin/usage-limits", limit, "PUT")).status).toBe(200);
    expect(await dayCounter(`user:${owner.id}`)).toBeNull();
    const other = await chat.client.json("/api/conversations", {});
    const { id: otherId } = (await other.json()) as { id: string };
    await collectEvents(await chat.client.json(`/api/conversations/${otherId}/messages`, { content: "Short" }));
    await chat.client.json(`/api/conversations/${chat.conversationId}/stop`, {});
    await collectEvents(running);
    // Both turns settled: the counter holds exactly what the ledger says, the running turn's use included.
    await expect.poll(async () => (await chat.storedMessages()).at(-1)?.status).toBe("INTERRUPTED");
    await expect.poll(() => dayCounter(`user:${owner.id}`)).toBe(await ledgerTokens({ userId: owner.id }));
  });

  /** Turns of a new user written straight to the counters and the ledger, as a process with a live lease does. */
  async function ledgerTurns() {
    const user = await makeUser();
    const lease = `lease-${randomUUID().slice(0, 8)}`;
    await db().$executeRaw`
      INSERT INTO "ProcessLease" (id, "renewedAt", "expiresAt") VALUES (${lease}, now(), now() + interval '1 hour')`;
    const periods = currentPeriods(new Date());
    const keys = {
      day: `user:${user.id}:day:${periods.day.label}:tokens`,
      month: `user:${user.id}:month:${periods.month.label}:tokens`,
    };
    const spec = (period: "day" | "month", amount: number): CounterSpec => ({
      key: keys[period],
      subject: { column: "userId", id: user.id },
      kind: "tokens",
      from: periods[period].start,
      until: periods[period].end,
      amount,
      cap: 1_000_000,
    });
    return {
      keys,
      reserve: async (tokens: number, on: ("day" | "month")[]) => {
        const specs = on.map((period) => spec(period, tokens));
        return (await reserveOnCounters(specs, { tokens, costMicros: 0 }, lease)).reservationId ?? "";
      },
      writeLedgerRow: (reservationId: string, tokens: number) =>
        db().replyUsage.create({
          data: {
            ...{ userId: user.id, promptTokens: tokens, completionTokens: 0 },
            ...{ isEstimated: false, durationMs: 1, reservationId },
          },
        }),
      counter: async (period: "day" | "month") =>
        Number((await db().usageCounter.findUnique({ where: { key: keys[period] } }))?.amount),
    };
  }

  it("counts a turn once when the counters are made again between its ledger row and its settle", async () => {
    const turns = await ledgerTurns();
    // A turn reserves its worst case, then writes its ledger row with what it used; it has not settled yet.
    const first = await turns.reserve(1_000, ["day"]);
    await turns.writeLedgerRow(first, 50);
    // An admin's change takes the counter away; the next turn makes it again while the first is still open.
    await db().usageCounter.deleteMany({ where: { key: turns.keys.day } });
    const second = await turns.reserve(500, ["day"]);
    await turns.writeLedgerRow(second, 40);
    await settleReservation(first, { tokens: 50, costMicros: 0 }, [turns.keys.day]);
    await settleReservation(second, { tokens: 40, costMicros: 0 }, [turns.keys.day]);
    expect(await turns.counter("day")).toBe(90);
  });

  it("counts an unsettled turn by its ledger row on a counter its reservation does not hold (a limit added)", async () => {
    const turns = await ledgerTurns();
    const first = await turns.reserve(1_000, ["day"]);
    await turns.writeLedgerRow(first, 50);
    // A monthly limit is added while the first turn is open: the next turn makes its counter.
    const second = await turns.reserve(500, ["day", "month"]);
    await turns.writeLedgerRow(second, 40);
    await settleReservation(first, { tokens: 50, costMicros: 0 }, [turns.keys.day]);
    await settleReservation(second, { tokens: 40, costMicros: 0 }, [turns.keys.day, turns.keys.month]);
    expect(await turns.counter("day")).toBe(90);
    expect(await turns.counter("month")).toBe(90);
  });

  it("refuses a token limit larger than can be stored, naming the field", async () => {
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const limit = { target: { default: true }, tokensPerDay: null, tokensPerMonth: 3_000_000_000, costPerMonth: null };
    const refused = await adminClient.json("/api/admin/usage-limits", limit, "PUT");
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { issues: { path: string[]; message: string }[] } };
    expect(body.error.issues).toEqual([
      {
        path: ["tokensPerMonth"],
        message: "Use at most 2,147,483,647 tokens.",
        rule: "number_max",
        values: { max: 2_147_483_647 },
      },
    ]);
  });

  it("refuses a day's token limit above the month's, naming the field, and stores nothing", async () => {
    const [admin, user] = await Promise.all([makeAdmin(), makeUser()]);
    const adminClient = await signedInClient(admin.email, admin.password);
    const limit = { target: { email: user.email }, tokensPerDay: 5, tokensPerMonth: 1, costPerMonth: null };
    const refused = await adminClient.json("/api/admin/usage-limits", limit, "PUT");
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { issues: unknown[] } };
    expect(body.error.issues).toEqual([
      {
        path: ["tokensPerDay"],
        message: "Tokens per day cannot be more than tokens per month.",
        rule: "day_above_month",
        values: {},
      },
    ]);
    expect(await db().usageLimit.findFirst({ where: { userId: user.id } })).toBeNull();
    const even = await adminClient.json("/api/admin/usage-limits", { ...limit, tokensPerDay: 1 }, "PUT");
    expect(even.status).toBe(200);
  });

  it("counts a team's conversations against the team's limit, whoever posts", async () => {
    const chat = await startChatSession(upstream, {
      chunks: ["Team."],
      usage: { promptTokens: 10, completionTokens: 90 },
    });
    const { team } = await shareWithNewTeam(chat.conversationId);
    await db().usageLimit.create({ data: { subject: `team:${team.id}`, teamId: team.id, tokensPerDay: 1100 } });
    await collectEvents(await chat.send("One"));
    await expect.poll(() => dayCounter(`team:${team.id}`)).toBe(100);
    expect(await ledgerTokens({ teamId: team.id })).toBe(100);

    const editor = await makeUser();
    await addMember(team.id, editor.id, "EDITOR");
    const editorClient = await signedInClient(editor.email, editor.password);
    // The team has 1,000 left; the editor's turn reserves a prompt + 1,024: over the team's limit, though the
    // editor has no limit of their own.
    const refused = await editorClient.json(`/api/conversations/${chat.conversationId}/messages`, { content: "Two" });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "and only 1,000 of your team's 1,100 tokens for today are left",
    );
  });

  it("names first a limit the turn could never fit in, over another limit used up until its reset", async () => {
    const chat = await startChatSession(upstream, { chunks: ["Team."] });
    const { owner, team } = await shareWithNewTeam(chat.conversationId);
    // The team's day is used up (its counter full); the owner's own limit is below the turn's worst case (a prompt
    // and 1,024 tokens of reply), so the turn would be refused after the team's reset too.
    await db().usageLimit.create({ data: { subject: `team:${team.id}`, teamId: team.id, tokensPerDay: 5_000 } });
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    await db().usageCounter.create({
      data: { key: `team:${team.id}:day:${today}:tokens`, amount: 5_000, periodEnd: tomorrow },
    });
    await limitUser(owner, 500);
    const refused = await chat.send("Hello");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeNull();
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      "more than your whole limit of 500 tokens for today",
    );
  });
});
