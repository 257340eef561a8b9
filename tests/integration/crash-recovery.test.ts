// A process stopped or killed mid-reply: a stop drains (readiness fails, new turns are refused, running replies may
// finish for SHUTDOWN_DRAIN_SECONDS) and then saves what still runs as INTERRUPTED with its text; after a kill, the
// next process does once the killed one's lease has expired, and in both cases the conversation goes on.
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parleyClient } from "../support/api-keys";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, readEvents, startedIds } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { makeDataDir, startAppServer } from "../support/test-stack";

let upstream: FakeUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startFakeUpstream({
    scenario: { chunks: Array.from({ length: 60 }, (_, i) => `w${i} `), paceMs: 50 },
  });
  dataDir = makeDataDir("parley-crash-");
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type SavedReply = { status: string; content: string; finishReason: string | null };

async function readReply(databaseUrl: string, id: string): Promise<SavedReply> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<SavedReply>(
    'SELECT status::text, content, "finishReason" FROM "Message" WHERE id = $1',
    [id],
  );
  await client.end();
  return rows[0] ?? { status: "missing", content: "", finishReason: null };
}

async function replyStatus(databaseUrl: string, id: string): Promise<string> {
  return (await readReply(databaseUrl, id)).status;
}

async function signUp(baseUrl: string, email: string) {
  const account = { email, password: "long enough", name: "Crash" };
  expect((await anonymousClient(baseUrl).json("/api/auth/register", account)).status).toBe(201);
  return signedInClient(account.email, account.password, baseUrl);
}

it("lets a running reply finish during the drain, while readiness fails and new turns are refused", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", SHUTDOWN_DRAIN_SECONDS: "60" };
  const logFile = path.join(dataDir, "drain.log");
  const server = await startAppServer({ databaseUrl, dataDir, extraEnv, logFile });
  const client = await signUp(server.baseUrl, "drain@example.test");
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  const { id: otherId } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  expect((await fetch(`${server.baseUrl}/api/health?ready`)).status).toBe(200);
  const received = [];
  let stopping: Promise<void> | undefined;
  for await (const event of readEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Go" }))) {
    received.push(event);
    if (received.length !== 3) continue;
    stopping = server.stop();
    await expect.poll(async () => (await fetch(`${server.baseUrl}/api/health?ready`)).status).toBe(503);
    const refused = await client.json(`/api/conversations/${otherId}/messages`, { content: "Another" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    expect(await refused.json()).toMatchObject({ error: { code: "unavailable" } });
  }
  await stopping;
  // The whole reply, and the title of this first exchange after it: the drain waited for both.
  expect(received.slice(-2)).toMatchObject([{ event: "done", data: { status: "COMPLETE" } }, { event: "title" }]);
  expect(await replyStatus(databaseUrl, startedIds(received).assistantMessageId)).toBe("COMPLETE");
  expect(readFileSync(logFile, "utf8")).toContain(
    "[parley] stopping: no new replies; 1 running may finish (up to 60 s)",
  );
});

it("lets a running /v1 completion finish during the drain, its usage recorded, while new calls get 503", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", SHUTDOWN_DRAIN_SECONDS: "60" };
  const server = await startAppServer({ databaseUrl, dataDir, extraEnv });
  // The first account is the admin, whom the API serves by default.
  const client = await signUp(server.baseUrl, "api-drain@example.test");
  const { secret } = (await (await client.json("/api/account/api-keys", { name: "script" })).json()) as {
    secret: string;
  };
  const api = parleyClient(secret, server.baseUrl);
  const stream = await api.chat.completions.create({
    model: "fake-model",
    messages: [{ role: "user", content: "Go" }],
    stream: true,
  });
  let text = "";
  let deltas = 0;
  let stopping: Promise<void> | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? "";
    deltas += chunk.choices[0]?.delta.content ? 1 : 0;
    if (deltas !== 3) continue;
    stopping = server.stop();
    await expect.poll(async () => (await fetch(`${server.baseUrl}/api/health?ready`)).status).toBe(503);
    const refused = await api.chat.completions
      .create({ model: "fake-model", messages: [{ role: "user", content: "Another" }] })
      .catch((error) => error);
    expect(refused.status).toBe(503);
    expect(refused.error).toMatchObject({ code: "service_unavailable" });
  }
  await stopping;
  expect(text).toBe(Array.from({ length: 60 }, (_, i) => `w${i} `).join(""));
  const ledger = new pg.Client({ connectionString: databaseUrl });
  await ledger.connect();
  const { rows } = await ledger.query<{ calls: number }>(
    'SELECT count(*)::int AS calls FROM "ReplyUsage" WHERE "apiKeyId" IS NOT NULL',
  );
  await ledger.end();
  expect(rows[0]?.calls).toBe(1);
});

it("saves the replies still running at the drain's end as INTERRUPTED with their text, and tells the reader", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", SHUTDOWN_DRAIN_SECONDS: "0" };
  const server = await startAppServer({ databaseUrl, dataDir, extraEnv });
  const client = await signUp(server.baseUrl, "stop@example.test");
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  const received = [];
  let stopping: Promise<void> | undefined;
  for await (const event of readEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Go" }))) {
    received.push(event);
    if (received.length === 3) stopping = server.stop();
  }
  await stopping;
  const text = received.flatMap((event) => (event.event === "delta" ? [(event.data as { text: string }).text] : []));
  // Told apart from a reader's Stop: the server stopped it (the page says so).
  expect(received.at(-1)).toMatchObject({
    event: "done",
    data: { status: "INTERRUPTED", finishReason: "server_stopped" },
  });
  expect(await readReply(databaseUrl, startedIds(received).assistantMessageId)).toEqual({
    status: "INTERRUPTED",
    content: text.join(""),
    finishReason: "server_stopped",
  });
});

it("marks a reply cut off by a killed process INTERRUPTED once its lease expired, and accepts the next message", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", PROCESS_LEASE_SECONDS: "3" };
  const first = await startAppServer({ databaseUrl, dataDir, extraEnv, canBeKilled: true });
  const client = await signUp(first.baseUrl, "crash@example.test");
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  const received = [];
  for await (const event of readEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Go" }))) {
    received.push(event);
    if (received.length === 3) break;
  }
  const { assistantMessageId } = startedIds(received);
  await first.kill();
  expect(await replyStatus(databaseUrl, assistantMessageId)).toBe("STREAMING");

  const second = await startAppServer({ databaseUrl, dataDir, extraEnv });
  try {
    // At the next start if the lease has run out by then, else at the next renewal after it does.
    await expect.poll(() => replyStatus(databaseUrl, assistantMessageId), { timeout: 10_000 }).toBe("INTERRUPTED");
    expect((await readReply(databaseUrl, assistantMessageId)).finishReason).toBe("server_stopped");
    const again = await signedInClient("crash@example.test", "long enough", second.baseUrl);
    const events = await collectEvents(await again.json(`/api/conversations/${id}/messages`, { content: "Again" }));
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
  } finally {
    await second.stop();
  }
});
