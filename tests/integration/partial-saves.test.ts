// The partial text of many streaming replies is saved in few statements (lib/db/partial-saves.ts): a statement per
// reply per second queued the turns that were starting behind them for the pool's connections.
import { randomUUID } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { db, pool } from "@/lib/db/client";
import { savePartialReply, withdrawPartialReply } from "@/lib/db/partial-saves";
import { makeModel, makePerson } from "../support/factories";

const originalQuery = pool().query;
afterEach(() => {
  pool().query = originalQuery;
});

/** Counts the statements sent through the shared pool from now on. */
function countStatements(): () => number {
  let count = 0;
  const counted = (...args: unknown[]) => {
    count++;
    return (originalQuery as (...args: unknown[]) => unknown).apply(pool(), args);
  };
  pool().query = counted as typeof originalQuery;
  return () => count;
}

/**
 * Replies owned by a process with a live lease, as a streaming reply is: an ownerless STREAMING reply is one that a
 * process starting in another test file recovers as INTERRUPTED (lib/db/process-leases.ts), after which no partial
 * save touches it.
 */
async function makeReplies(statuses: ("STREAMING" | "COMPLETE")[]): Promise<string[]> {
  const person = await makePerson("Streamer");
  const model = await makeModel("http://127.0.0.1:9");
  const prefix = `partial${randomUUID().slice(0, 8)}`;
  await db().$executeRaw`
    INSERT INTO "ProcessLease" (id, "renewedAt", "expiresAt") VALUES (${prefix}, now(), now() + interval '1 hour')`;
  await db().$executeRaw`
    INSERT INTO "Conversation" (id, "ownerId", "modelId", title, "createdAt", "updatedAt")
    VALUES (${prefix}, ${person.id}, ${model.id}, 'Streams', now(), now())`;
  await db().$executeRaw`
    INSERT INTO "Message" (id, "conversationId", role, content, status, depth, "ownerProcessId", "createdAt", "updatedAt")
    SELECT ${prefix} || 'm' || g, ${prefix}, 'ASSISTANT'::"MessageRole", '', status::"MessageStatus", 0, ${prefix},
           now(), now()
      FROM unnest(${statuses}::text[]) WITH ORDINALITY AS s(status, g)`;
  return statuses.map((_, index) => `${prefix}m${index + 1}`);
}

it("saves the text of twenty replies streaming at once in at most two statements, and only while they stream", async () => {
  const ids = await makeReplies([...Array.from({ length: 20 }, () => "STREAMING" as const), "COMPLETE"]);
  const textOf = (id: string) => `So far, for ${id}: "quoted", {braced}, back\\slash, 北京 and an emoji 🦜`;
  const statements = countStatements();

  await Promise.all(ids.map((id) => savePartialReply(id, textOf(id))));

  expect(statements()).toBeLessThanOrEqual(2);
  const stored = await db().message.findMany({ where: { id: { in: ids } }, select: { id: true, content: true } });
  const contentOf = new Map(stored.map((message) => [message.id, message.content]));
  expect(ids.slice(0, 20).map((id) => contentOf.get(id))).toEqual(ids.slice(0, 20).map(textOf));
  expect(contentOf.get(ids[20] ?? "")).toBe("");
});

it("keeps the latest text when a reply saves again before its batch is sent", async () => {
  const [first = "", second = ""] = await makeReplies(["STREAMING", "STREAMING"]);
  await Promise.all([
    savePartialReply(first, "one"),
    savePartialReply(second, "two"),
    savePartialReply(second, "two, then three"),
  ]);
  const stored = await db().message.findMany({ where: { id: { in: [first, second] } }, orderBy: { id: "asc" } });
  expect(stored.map((message) => message.content)).toEqual(["one", "two, then three"]);
});

it("gathers the saves that fall due within a moment of each other into one statement", async () => {
  const ids = await makeReplies(Array.from({ length: 8 }, () => "STREAMING" as const));
  const statements = countStatements();

  // Replies start at any moment, so their once-a-second saves come a few milliseconds apart, not together.
  const saves: Promise<boolean>[] = [];
  for (const id of ids) {
    saves.push(savePartialReply(id, `text of ${id}`));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(saves);

  expect(statements()).toBeLessThanOrEqual(2);
  const stored = await db().message.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
  expect(stored.map((message) => message.content)).toEqual([...ids].sort().map((id) => `text of ${id}`));
});

it("tells each save whether its reply was asked to stop (a Stop whose message on the bus was lost)", async () => {
  const [asked = "", notAsked = ""] = await makeReplies(["STREAMING", "STREAMING"]);
  await db().message.update({ where: { id: asked }, data: { stopRequested: true } });

  const [isAskedStopped, isOtherStopped] = await Promise.all([
    savePartialReply(asked, "text"),
    savePartialReply(notAsked, "text"),
  ]);

  expect({ isAskedStopped, isOtherStopped }).toEqual({ isAskedStopped: true, isOtherStopped: false });
});

it("drops a save not sent yet when its reply ends, and lets the reply end at once", async () => {
  const [reply = ""] = await makeReplies(["STREAMING"]);
  const statements = countStatements();

  const save = savePartialReply(reply, "superseded by the final save");
  withdrawPartialReply(reply);
  await save;

  expect(statements()).toBe(0);
  const stored = await db().message.findUniqueOrThrow({ where: { id: reply } });
  expect(stored.content).toBe("");
});
