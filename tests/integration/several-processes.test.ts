// Two Parley processes on one PostgreSQL, as behind a load balancer: a reply generated on one is re-attached, stopped,
// watched and cut off by an access change on the other; a killed process's replies are recovered by the survivor
// within the lease time, and a restart touches no live process's replies. Every wait is on an event, never a sleep.
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BusMessage, createPayloadReader, packMessages } from "@/lib/cluster/bus-messages";
import { db } from "@/lib/db/client";
import { LIVE_CHANNEL } from "@/lib/db/listen-connection";
import { addMember, makeAdmin, makeModel, makeTeam, makeUser } from "../support/factories";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import {
  collectEvents,
  deltasAtLeast,
  deltaText,
  type ReceivedEvent,
  readEvents,
  readUntil,
  startedIds,
} from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const LEASE_SECONDS = 6;
let upstream: FakeUpstream;
let dataDir: string;
let serverA: AppServer;
let serverB: AppServer;
// The same AUTH_SECRET on both (the test stack's, one per database), as replicas share one: a session signed on one
// is valid on the other. A silent model is waited for longer than the suite's 1.5 s, which a busy machine's
// reconnection could take (a reply sending nothing).
const extraEnv = {
  PROCESS_LEASE_SECONDS: String(LEASE_SECONDS),
  UPSTREAM_IDLE_TIMEOUT_MS: "20000",
};

const startServer = (name: string) =>
  startAppServer({
    databaseUrl: inject("databaseUrl"),
    dataDir,
    extraEnv,
    canBeKilled: true,
    logFile: path.join(dataDir, `${name}.log`),
  });

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dataDir = makeDataDir("parley-cluster-");
  [serverA, serverB] = await Promise.all([startServer("a"), startServer("b")]);
}, 120_000);
afterAll(async () => {
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Person = { id: string; email: string; password: string; onA: Client; onB: Client };

async function makePerson(name: string): Promise<Person> {
  const user = await makeUser({ name });
  // One after the other: two sign-ins of one account at the same instant can race in the sign-in throttle's counter.
  const onA = await signedInClient(user.email, user.password, serverA.baseUrl);
  const onB = await signedInClient(user.email, user.password, serverB.baseUrl);
  return { id: user.id, email: user.email, password: user.password, onA, onB };
}

/** Ana's conversation on a model of its own, shared with a team where Ben edits. */
async function sharedConversation(scenario: FakeScenario) {
  const upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { upstreamName });
  const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
  const team = await makeTeam();
  await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, ben.id, "EDITOR")]);
  const created = await ana.onA.json("/api/conversations", { modelId: model.id });
  const { id: conversationId } = (await created.json()) as { id: string };
  const url = `/api/conversations/${conversationId}`;
  expect((await ana.onA.json(`${url}/team`, { teamId: team.id }, "PUT")).status).toBe(200);
  return { ana, ben, team, url, conversationId };
}

const words = (count: number) => Array.from({ length: count }, (_, index) => `w${index} `);
const replyIdOf = (events: ReceivedEvent[]) => startedIds(events).assistantMessageId;
const savedReply = (id: string) =>
  db().message.findUniqueOrThrow({ where: { id }, select: { status: true, content: true } });

/** Every event id once, in order, from `first`: nothing missing, nothing twice. */
function expectConsecutiveIds(events: ReceivedEvent[], first: number) {
  expect(events.map((event) => Number(event.id))).toEqual(events.map((_, index) => first + index));
}

type HeardMessage = BusMessage & { origin: string };

/** Listens to the processes' bus as they do: every message, in the order PostgreSQL delivers them. */
async function listenToBus() {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  const read = createPayloadReader();
  const heard: HeardMessage[] = [];
  const waiters: { matches: (message: HeardMessage) => boolean; resolve: () => void }[] = [];
  client.on("notification", ({ payload }) => {
    const { origin, messages } = read(payload ?? "");
    for (const message of messages) {
      const received = { ...message, origin };
      heard.push(received);
      for (const waiter of waiters.filter((each) => each.matches(received))) waiter.resolve();
    }
  });
  await client.query(`LISTEN ${LIVE_CHANNEL}`);
  return {
    heard,
    /** Resolves once a message that `matches` has been heard (at once if it was). */
    hear: (matches: (message: HeardMessage) => boolean) =>
      heard.some(matches) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ matches, resolve })),
    close: () => client.end(),
  };
}

/** Sends `messages` on the processes' bus as a process whose id is `origin` would. */
async function notifyOnBus(origin: string, messages: BusMessage[]) {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  for (const payload of packMessages(origin, messages, () => 1)) {
    await client.query("SELECT pg_notify($1, $2)", [LIVE_CHANNEL, payload]);
  }
  await client.end();
}

/** Ends every app process's listening connection, as a network blip or a database failover would. */
async function cutListeningConnections() {
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  const { rows } = await admin.query<{ cut: boolean }>(
    "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name LIKE 'parley-listen-%'",
  );
  await admin.end();
  expect(rows.filter((row) => row.cut).length).toBeGreaterThanOrEqual(2);
}

describe("a reply generated on process A", () => {
  it("is re-attached on B mid-reply, from the start or after Last-Event-ID, with no gap and no repeat", async () => {
    const { ana, ben, url } = await sharedConversation({ chunks: words(40), paceMs: 40 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Count" }), deltasAtLeast(5));
    const whole = await readUntil(await ben.onB.fetch(`${url}/stream`), (events) => events.length > 0);
    const lastSeen = onA.events.at(-1)?.id ?? "0";
    const resumed = await readUntil(
      await ana.onB.fetch(`${url}/stream`, { headers: { "Last-Event-ID": lastSeen } }),
      () => false,
    );
    const [onAEvents, onBEvents, resumedEvents] = await Promise.all([onA.rest(), whole.rest(), resumed.rest()]);
    const saved = await savedReply(replyIdOf(onAEvents));
    expect(saved.status).toBe("COMPLETE");
    expect(saved.content).toBe(words(40).join(""));
    expect(deltaText(onBEvents)).toBe(saved.content);
    expectConsecutiveIds(onBEvents, 1);
    const asSent = (events: ReceivedEvent[]) => events.map(({ id, event, data }) => ({ id, event, data }));
    expect(asSent(onBEvents)).toEqual(asSent(onAEvents));
    expectConsecutiveIds(resumedEvents, Number(lastSeen) + 1);
    const seenBefore = onAEvents.filter((event) => Number(event.id) <= Number(lastSeen));
    expect(deltaText(seenBefore) + deltaText(resumedEvents)).toBe(saved.content);
  });

  it("is stopped by a Stop sent to B: A's reader gets done INTERRUPTED and the text so far is saved", async () => {
    const { ana, ben, url } = await sharedConversation({ chunks: words(100), paceMs: 100 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Go" }), deltasAtLeast(3));
    const stop = await ben.onB.fetch(`${url}/stop`, { method: "POST" });
    expect(stop.status).toBe(202);
    expect(await stop.json()).toEqual({ stopped: 1 });
    const events = await onA.rest();
    expect(events.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    const saved = await savedReply(replyIdOf(events));
    expect(saved).toEqual({ status: "INTERRUPTED", content: deltaText(events) });
    expect(saved.content.length).toBeLessThan(words(100).join("").length);
  });

  it("is stopped when an admin on B disables its requester: saved stopped, Ana told her session ended", async () => {
    const { ana, ben, url } = await sharedConversation({ chunks: words(100), paceMs: 100, usage: "none" });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Go" }), deltasAtLeast(3));
    const followed = await readUntil(await ben.onB.fetch(`${url}/stream`), deltasAtLeast(3));
    const account = await makeAdmin();
    const adminOnB = await signedInClient(account.email, account.password, serverB.baseUrl);
    expect((await adminOnB.json(`/api/admin/users/${ana.id}`, { status: "DISABLED" }, "PATCH")).status).toBe(200);
    const [anaEvents, benEvents] = await Promise.all([onA.rest(), followed.rest()]);
    expect(anaEvents.at(-1)).toMatchObject({ event: "error", data: { code: "unauthorized" } });
    expect(benEvents.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });
    const replyId = replyIdOf(anaEvents);
    const saved = await savedReply(replyId);
    expect(saved).toEqual({ status: "INTERRUPTED", content: deltaText(benEvents) });
    expect(saved.content.length).toBeLessThan(words(100).join("").length);
    const usage = await db().replyUsage.findUniqueOrThrow({ where: { messageId: replyId } });
    expect(usage).toMatchObject({ userId: ana.id, isEstimated: true });
    expect(usage.completionTokens).toBeGreaterThan(0);
  });

  it("is stopped by a Stop whose message A never heard: A reads it with its next partial save", async () => {
    const { ana, url } = await sharedConversation({ chunks: words(100), paceMs: 100 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Go" }), deltasAtLeast(3));
    // What B's Stop records, with its message on the bus lost (A's bus was reconnecting, or B died before sending).
    await db().message.update({ where: { id: replyIdOf(onA.events) }, data: { stopRequested: true } });
    const events = await onA.rest();
    expect(events.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    const saved = await savedReply(replyIdOf(events));
    expect(saved).toEqual({ status: "INTERRUPTED", content: deltaText(events) });
    expect(saved.content.length).toBeLessThan(words(100).join("").length);
  });

  it("is stopped when A's bus reconnects, for a Stop recorded while it was down and a reply sending nothing", async () => {
    // Silent after two deltas, so no partial save reads the Stop: only the reconnection's catch-up can.
    const { ana, url } = await sharedConversation({ chunks: words(10), paceMs: 20, stallAfterChunks: 2 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Go" }), deltasAtLeast(2));
    await db().message.update({ where: { id: replyIdOf(onA.events) }, data: { stopRequested: true } });
    await cutListeningConnections();
    const events = await onA.rest();
    expect(events.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    expect(await savedReply(replyIdOf(events))).toEqual({ status: "INTERRUPTED", content: "w0 w1 " });
  });

  it("is not stopped by a Stop that reaches A late, meant for the reply before it", async () => {
    const { ana, url, conversationId } = await sharedConversation({ chunks: words(30), paceMs: 30 });
    const first = await readUntil(await ana.onA.json(`${url}/messages`, { content: "One" }), () => false);
    const second = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Two" }), deltasAtLeast(2));
    const ownerOfA = (await db().message.findUniqueOrThrow({ where: { id: replyIdOf(second.events) } })).ownerProcessId;
    const bus = await listenToBus();
    // The Stop for the first reply, delayed until now; then a request for A's watch list, which A answers only
    // once it has handled what came before it.
    await notifyOnBus("late-sender", [
      { k: "stopAsked", c: conversationId, r: [replyIdOf(first.events)] },
      { k: "watching", c: [], ttl: 5, ask: true },
    ]);
    await bus.hear((message) => message.k === "watching" && message.origin === ownerOfA);
    await bus.close();
    const events = await second.rest();
    expect(events.find((event) => event.event === "done")?.data).toMatchObject({ status: "COMPLETE" });
  });

  it("is announced to a member watching the conversation on B", async () => {
    const { ana, ben, url } = await sharedConversation({ chunks: words(5), paceMs: 20 });
    const watch = readEvents(await ben.onB.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Hello team" }), (events) =>
      events.some((event) => event.event === "start"),
    );
    const announced = (await watch.next()).value;
    expect(announced).toMatchObject({ event: "reply", data: { assistantMessageId: replyIdOf(onA.events) } });
    await onA.rest();
    await watch.return(undefined);
  });

  it("goes on the bus as `started` only once a browser on B watches its conversation", async () => {
    // Long enough that the second is still running when A reads B's `watch`, whichever comes first there.
    const { ana, ben, url, conversationId } = await sharedConversation({ chunks: words(20), paceMs: 20 });
    const bus = await listenToBus();
    const untilDone = (events: ReceivedEvent[]) => events.some((event) => event.event === "done");
    const unwatched = await readUntil(await ana.onA.json(`${url}/messages`, { content: "One" }), untilDone);
    const watch = readEvents(await ben.onB.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    await bus.hear((message) => message.k === "watch" && message.c === conversationId);
    const watched = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Two" }), untilDone);
    const announced = (await watch.next()).value;
    expect(announced).toMatchObject({ event: "reply", data: { assistantMessageId: replyIdOf(watched.events) } });
    await bus.hear((message) => message.k === "started" && message.r === replyIdOf(watched.events));
    await bus.close();
    await watch.return(undefined);
    // A's notifications arrive in the order A sent them, so a `started` for the first reply would have been heard
    // before the second's.
    const announcedOnBus = bus.heard.flatMap((message) =>
      message.k === "started" && message.c === conversationId ? [message.r] : [],
    );
    expect(announcedOnBus).toEqual([replyIdOf(watched.events)]);
    expect(replyIdOf(unwatched.events)).not.toBe(replyIdOf(watched.events));
    await Promise.all([unwatched.rest(), watched.rest()]);
  });

  it("goes on the bus as `started` when a browser on B starts watching its conversation while it runs", async () => {
    const { ana, ben, url, conversationId } = await sharedConversation({ chunks: words(50), paceMs: 40 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Count" }), deltasAtLeast(1));
    const bus = await listenToBus();
    const watch = readEvents(await ben.onB.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    // B's watch found it running in the database; A, told of the watch, announces it for B's later watchers too.
    expect((await watch.next()).value).toMatchObject({ data: { assistantMessageId: replyIdOf(onA.events) } });
    const isAnnouncement = (message: HeardMessage) => message.k === "started" && message.r === replyIdOf(onA.events);
    await bus.hear(isAnnouncement);
    const watchIndex = bus.heard.findIndex((message) => message.k === "watch" && message.c === conversationId);
    expect(watchIndex).toBeGreaterThanOrEqual(0);
    expect(bus.heard.findIndex(isAnnouncement)).toBeGreaterThan(watchIndex);
    await bus.close();
    await watch.return(undefined);
    expect((await ana.onA.fetch(`${url}/stop`, { method: "POST" })).status).toBe(202);
    await onA.rest();
  });

  it("stops reaching a member's stream on B as soon as A removes them from the team", async () => {
    const { ana, ben, team, url } = await sharedConversation({ chunks: words(100), paceMs: 100 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Go" }), deltasAtLeast(1));
    const following = await readUntil(await ben.onB.fetch(`${url}/stream`), deltasAtLeast(1));
    const removal = await ana.onA.fetch(`/api/teams/${team.id}/members/${ben.id}`, { method: "DELETE" });
    expect(removal.status).toBe(204);
    const events = await following.rest();
    // Ended while the reply still runs: no final event reached Ben.
    expect(events.map((event) => event.event)).not.toContain("done");
    expect(events.map((event) => event.event)).not.toContain("error");
    expect((await savedReply(replyIdOf(onA.events))).status).toBe("STREAMING");
    expect((await ben.onB.fetch(url)).status).toBe(404);
    expect((await ana.onA.fetch(`${url}/stop`, { method: "POST" })).status).toBe(202);
    await onA.rest();
  });

  it("reaches B's reader whole when the processes' listening connections are cut mid-reply", async () => {
    const { ana, ben, url } = await sharedConversation({ chunks: words(60), paceMs: 40 });
    const onA = await readUntil(await ana.onA.json(`${url}/messages`, { content: "Count" }), deltasAtLeast(2));
    const onB = await readUntil(await ben.onB.fetch(`${url}/stream`), deltasAtLeast(5));
    await cutListeningConnections();
    const [onAEvents, onBEvents] = await Promise.all([onA.rest(), onB.rest()]);
    const saved = await savedReply(replyIdOf(onAEvents));
    expect(saved).toEqual({ status: "COMPLETE", content: words(60).join("") });
    expect(deltaText(onBEvents)).toBe(saved.content);
    expectConsecutiveIds(onBEvents, 1);
    // The log says the connection came back, not only that it was lost.
    const logOfA = () => readFileSync(path.join(dataDir, "a.log"), "utf8");
    expect(logOfA()).toContain("[parley] the live bus connection was lost");
    await expect.poll(logOfA).toContain("[parley] the live bus connection is back");
  });
});

describe("a process killed mid-reply", () => {
  it("has its reply recovered by the survivor within the lease time, while the survivor's own reply streams on", async () => {
    const cut = await sharedConversation({ chunks: words(400), paceMs: 50 });
    const kept = await sharedConversation({ chunks: words(20), paceMs: 25 });
    const long = await sharedConversation({ chunks: words(2000), paceMs: 20 });
    const onA = await readUntil(await cut.ana.onA.json(`${cut.url}/messages`, { content: "Go" }), deltasAtLeast(3));
    const onB = await readUntil(await cut.ben.onB.fetch(`${cut.url}/stream`), deltasAtLeast(3));
    const replyId = replyIdOf(onA.events);
    const killedAt = Date.now();
    await serverA.kill();
    // B's own reply, started after the kill, streams to its end while B recovers A's.
    const ownReply = await readUntil(await kept.ana.onB.json(`${kept.url}/messages`, { content: "Go" }), () => false);
    const followed = await onB.rest();
    expect(followed.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    // Within the lease and one renewal interval, with room for a busy machine.
    expect(Date.now() - killedAt).toBeLessThan((LEASE_SECONDS + LEASE_SECONDS / 3 + 5) * 1000);
    const recovered = await savedReply(replyId);
    expect(recovered.status).toBe("INTERRUPTED");
    expect(deltaText(followed).startsWith(recovered.content)).toBe(true);

    const ownEvents = await ownReply.rest();
    expect(ownEvents.find((event) => event.event === "done")?.data).toMatchObject({ status: "COMPLETE" });

    // A restarted A leaves B's running reply alone (its start-up recovery included), and can stop it.
    const onBLong = await readUntil(
      await long.ana.onB.json(`${long.url}/messages`, { content: "Go" }),
      deltasAtLeast(1),
    );
    serverA = await startServer("a-restarted");
    expect((await savedReply(replyIdOf(onBLong.events))).status).toBe("STREAMING");
    const restartedAna = await signedInClient(long.ana.email, long.ana.password, serverA.baseUrl);
    expect((await restartedAna.fetch(`${long.url}/stop`, { method: "POST" })).status).toBe(202);
    const longEvents = await onBLong.rest();
    expect(longEvents.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
  }, 60_000);

  it("ends a page that re-attaches on B after A died with the reply's end, never its text again without a start", async () => {
    const cut = await sharedConversation({ chunks: words(400), paceMs: 50 });
    // Two seconds of text: some of it saved (about once a second) before A dies.
    const onA = await readUntil(await cut.ana.onA.json(`${cut.url}/messages`, { content: "Go" }), deltasAtLeast(40));
    const replyId = replyIdOf(onA.events);
    await serverA.kill();
    // Ana's page, its stream cut, re-attaches through the load balancer: B, which never followed the reply.
    const resumed = await cut.ana.onB.fetch(`${cut.url}/stream`);
    expect(resumed.status).toBe(200);
    const events = await collectEvents(resumed);
    expect(events.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    // The page adds deltas to the text it shows, and starts again from empty only at a `start`: text with no
    // `start` before it would show the reply twice.
    const firstDelta = events.findIndex((event) => event.event === "delta");
    const start = events.findIndex((event) => event.event === "start");
    expect(firstDelta === -1 || (start !== -1 && start < firstDelta)).toBe(true);
    expect((await savedReply(replyId)).status).toBe("INTERRUPTED");
    serverA = await startServer("a-restarted");
  }, 60_000);

  it("ends B's reader from the saved reply when another process recovered it and B never heard of it", async () => {
    const cut = await sharedConversation({ chunks: words(400), paceMs: 50 });
    const onA = await readUntil(await cut.ana.onA.json(`${cut.url}/messages`, { content: "Go" }), deltasAtLeast(3));
    const onB = await readUntil(await cut.ben.onB.fetch(`${cut.url}/stream`), deltasAtLeast(3));
    const replyId = replyIdOf(onA.events);
    await serverA.kill();
    // A third process's recovery, whose word B missed (its bus reconnecting, or the recovery ran before that
    // process's bus was up): the row is no longer STREAMING, so B's own sweep never returns it.
    await db().$executeRaw`UPDATE "Message" SET status = 'INTERRUPTED' WHERE id = ${replyId}`;
    const followed = await onB.rest();
    expect(followed.find((event) => event.event === "done")?.data).toMatchObject({ status: "INTERRUPTED" });
    serverA = await startServer("a-restarted");
  }, 60_000);
});
