// The database going away and coming back, as a server in the field sees it: callers are told it is an outage
// (503, retry), never that they were signed out, and a reply that ends meanwhile is saved once the database is back.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { queryDatabase } from "../support/database-query";
import { type DatabaseSwitch, startDatabaseSwitch } from "../support/database-switch";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { readEvents, startedIds } from "../support/read-events";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const INTERNAL_TEXT = /prisma|econn|database server|P10\d\d|invocation/i;

let upstream: FakeUpstream;
let dataDir: string;
let databaseUrl: string;
let outage: DatabaseSwitch;
let server: AppServer;
let logFile: string;
let metricsUrl: string;

beforeAll(async () => {
  upstream = await startFakeUpstream({
    scenario: { chunks: Array.from({ length: 30 }, (_, i) => `w${i} `), paceMs: 60 },
  });
  dataDir = makeDataDir("parley-outage-");
  databaseUrl = await createEmptyDatabase();
  outage = await startDatabaseSwitch(databaseUrl);
  metricsUrl = `http://127.0.0.1:${await findFreePort()}/metrics`;
  const extraEnv = {
    OPENAI_BASE_URL: upstream.url,
    OPENAI_MODELS: "fake-model",
    METRICS_PORT: new URL(metricsUrl).port,
  };
  logFile = path.join(dataDir, "server.log");
  server = await startAppServer({ databaseUrl: outage.databaseUrl, dataDir, extraEnv, logFile });
});
afterAll(async () => {
  await server?.stop();
  await outage?.close();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signUp(email: string): Promise<Client> {
  const account = { email, password: "long enough", name: "Outage" };
  expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  return signedInClient(account.email, account.password, server.baseUrl);
}

async function whileDatabaseIsDown<T>(run: () => Promise<T>): Promise<T> {
  await outage.cut();
  try {
    return await run();
  } finally {
    await outage.restore();
  }
}

async function expectOutageAnswer(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
  const text = await response.text();
  expect(text).not.toMatch(INTERNAL_TEXT);
  expect(JSON.parse(text)).toMatchObject({
    error: { code: "database_unavailable", message: "Parley can't reach its database. Try again in a moment." },
  });
}

describe("while the database cannot be reached", () => {
  it("answers API calls 503 with Retry-After, not 401, and the session works again once it is back", async () => {
    const client = await signUp("api@example.test");
    await whileDatabaseIsDown(async () => {
      await expectOutageAnswer(await client.fetch("/api/conversations"));
      await expectOutageAnswer(await client.json("/api/conversations", {}));
    });
    expect((await client.fetch("/api/conversations")).status).toBe(200);
  });

  it("keeps the session cookie: the session endpoint answers 503 and clears nothing", async () => {
    const client = await signUp("session@example.test");
    const session = await whileDatabaseIsDown(() => client.fetch("/api/auth/session"));
    expect(session.headers.getSetCookie()).toEqual([]);
    await expectOutageAnswer(session);
    const after = (await (await client.fetch("/api/auth/session")).json()) as { user?: { email: string } };
    expect(after.user?.email).toBe("session@example.test");
  });

  it("shows pages an error, answered 503 with Retry-After, instead of sending the user to sign in", async () => {
    const client = await signUp("pages@example.test");
    const page = await whileDatabaseIsDown(() => client.fetch("/"));
    expect(page.headers.get("location")).toBeNull();
    expect(page.status).toBe(503);
    expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await page.text()).not.toMatch(/prisma|econnrefused/i);
  });

  it("says so in at most a line every ten seconds, with no stack trace, however many requests fail", async () => {
    const client = await signUp("quiet-log@example.test");
    const logged = () => readFileSync(logFile, "utf8");
    const before = logged().length;
    await whileDatabaseIsDown(async () => {
      for (let round = 0; round < 5; round++) {
        await client.fetch("/");
        await client.fetch("/api/conversations");
        await anonymousClient(server.baseUrl).fetch("/api/health?ready");
      }
    });
    const lines = logged().slice(before).split("\n");
    // One line at most in these few seconds (another test's outage may have said it within the last ten), and said.
    expect(lines.filter((line) => /cannot be reached/.test(line)).length).toBeLessThanOrEqual(1);
    expect(logged()).toMatch(/The database cannot be reached \(.+\): \d+ request\(s\) told to try again/);
    expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
    expect(lines.filter((line) => /AppError|Invalid `prisma/.test(line))).toEqual([]);
  });

  it("answers a sign-in 503 with the outage, not 'invalid email or password' and never the driver's error", async () => {
    await signUp("signin@example.test");
    const client = anonymousClient(server.baseUrl);
    const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = new URLSearchParams({
      csrfToken,
      email: "signin@example.test",
      password: "long enough",
      json: "true",
    });
    const response = await whileDatabaseIsDown(() =>
      client.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      }),
    );
    const body = (await response.clone().json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("DatabaseUnavailable");
    expect(response.headers.getSetCookie()).toEqual([]);
    await expectOutageAnswer(response);
  });

  it("tells monitoring: parley_database_up is 0 while down and 1 again after, and the 503s are counted", async () => {
    const client = await signUp("monitoring@example.test");
    const scrape = async () => (await fetch(metricsUrl)).text();
    const answered503 = (text: string) => Number(/^parley_database_unreachable_requests_total (\d+)$/m.exec(text)?.[1]);
    const before = await scrape();
    expect(before).toMatch(/^parley_database_up 1$/m);
    const during = await whileDatabaseIsDown(async () => {
      await expectOutageAnswer(await client.fetch("/api/conversations"));
      await expectOutageAnswer(await client.fetch("/api/conversations"));
      return scrape();
    });
    expect(during).toMatch(/^parley_database_up 0$/m);
    expect(answered503(during) - answered503(before)).toBe(2);
    expect(await scrape()).toMatch(/^parley_database_up 1$/m);
  });

  it("reports not ready on /api/health?ready while /api/health stays live", async () => {
    const client = anonymousClient(server.baseUrl);
    expect(await (await client.fetch("/api/health?ready")).json()).toEqual({ status: "ok", database: "ok" });
    await whileDatabaseIsDown(async () => {
      expect((await client.fetch("/api/health")).status).toBe(200);
      await expectOutageAnswer(await client.fetch("/api/health?ready"));
    });
  });
});

const query = <T extends Record<string, unknown>>(sql: string, values: unknown[] = []) =>
  queryDatabase<T>(databaseUrl, sql, values);

async function readReply(id: string): Promise<{ status: string; content: string }> {
  const rows = await query<{ status: string; content: string }>(
    'SELECT status::text, content FROM "Message" WHERE id = $1',
    [id],
  );
  return rows[0] ?? { status: "missing", content: "" };
}

it("saves a reply that ended while the database was down, whole and COMPLETE, once it is back", async () => {
  const client = await signUp("reply@example.test");
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  const received = [];
  const response = await client.json(`/api/conversations/${id}/messages`, { content: "Go" });
  try {
    for await (const event of readEvents(response)) {
      received.push(event);
      // Mid-reply: the turn and the first partial text are in, the rest has still to come.
      if (event.event === "delta" && received.length === 3) await outage.cut();
    }
  } finally {
    await outage.restore();
  }
  const text = received.flatMap((event) => (event.event === "delta" ? [(event.data as { text: string }).text] : []));
  expect(text).toHaveLength(30);
  expect(received.at(-1)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
  const { assistantMessageId } = startedIds(received);
  await expect
    .poll(() => readReply(assistantMessageId), { timeout: 25_000, interval: 250 })
    .toEqual({ status: "COMPLETE", content: text.join("") });
});

it("saves a reply whole that another process took for dead while this one was cut off from the database", async () => {
  const client = await signUp("partitioned@example.test");
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  // A daily limit for everyone, so that the turn reserves its worst case on a counter and settles it.
  await query(`INSERT INTO "UsageLimit" (id, subject, "tokensPerDay", "updatedAt")
               VALUES ('partition-limit', 'default', 10000000, now()) ON CONFLICT (subject) DO NOTHING`);
  const received = [];
  // Another process on the same database, reaching it directly: it renews its lease and sweeps every ⅔ s.
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", PROCESS_LEASE_SECONDS: "2" };
  const other = await startAppServer({ databaseUrl, dataDir, extraEnv });
  try {
    const response = await client.json(`/api/conversations/${id}/messages`, { content: "Go" });
    for await (const event of readEvents(response)) {
      received.push(event);
      if (event.event !== "delta" || received.length !== 3) continue;
      await outage.cut();
      // As if this process's lease had run out while it could not renew it: the other process sweeps its reply.
      const replyId = startedIds(received).assistantMessageId;
      await query(
        `UPDATE "ProcessLease" SET "expiresAt" = now() - interval '1 second'
          WHERE id = (SELECT "ownerProcessId" FROM "Message" WHERE id = $1)`,
        [replyId],
      );
      await expect.poll(async () => (await readReply(replyId)).status, { timeout: 10_000 }).toBe("INTERRUPTED");
    }
  } finally {
    await outage.restore();
    await other.stop();
  }
  const text = received.flatMap((event) => (event.event === "delta" ? [(event.data as { text: string }).text] : []));
  expect(received.at(-1)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
  // The reply's own end is the truth: its whole text, once, with its usage.
  const { assistantMessageId } = startedIds(received);
  await expect
    .poll(() => readReply(assistantMessageId), { timeout: 25_000, interval: 250 })
    .toEqual({ status: "COMPLETE", content: text.join("") });
  const ledger = (await query(
    `SELECT "userId", "promptTokens" + "completionTokens" AS tokens FROM "ReplyUsage" WHERE "messageId" = $1`,
    [assistantMessageId],
  )) as { userId: string; tokens: number }[];
  expect(ledger).toHaveLength(1);
  // The other process released the reservation; the reply's settle still put its use on the day's counter.
  const [counter] = (await query(`SELECT amount FROM "UsageCounter" WHERE key LIKE $1`, [
    `user:${ledger[0]?.userId}:day:%:tokens`,
  ])) as { amount: string }[];
  expect(Number(counter?.amount)).toBe(ledger[0]?.tokens);
});
