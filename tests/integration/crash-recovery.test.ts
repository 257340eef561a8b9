// A process stopped or killed mid-reply: a stop saves the reply as INTERRUPTED with its text at once; after a kill,
// the next start does, and in both cases the conversation goes on.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, readEvents, startedIds } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { startAppServer } from "../support/test-stack";

let upstream: FakeUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startFakeUpstream({
    scenario: { chunks: Array.from({ length: 60 }, (_, i) => `w${i} `), paceMs: 50 },
  });
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-crash-"));
  chmodSync(dataDir, 0o755);
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function readReply(databaseUrl: string, id: string): Promise<{ status: string; content: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ status: string; content: string }>(
    'SELECT status::text, content FROM "Message" WHERE id = $1',
    [id],
  );
  await client.end();
  return rows[0] ?? { status: "missing", content: "" };
}

async function replyStatus(databaseUrl: string, id: string): Promise<string> {
  return (await readReply(databaseUrl, id)).status;
}

async function signUp(baseUrl: string, email: string) {
  const account = { email, password: "long enough", name: "Crash" };
  expect((await anonymousClient(baseUrl).json("/api/auth/register", account)).status).toBe(201);
  return signedInClient(account.email, account.password, baseUrl);
}

it("saves the replies a stopping server was generating as INTERRUPTED with their text, and tells the reader", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model" };
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
  expect(received.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });
  expect(await readReply(databaseUrl, startedIds(received).assistantMessageId)).toEqual({
    status: "INTERRUPTED",
    content: text.join(""),
  });
});

it("marks a reply cut off by a killed process INTERRUPTED at the next start and accepts the next message", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model" };
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
    expect(await replyStatus(databaseUrl, assistantMessageId)).toBe("INTERRUPTED");
    const again = await signedInClient("crash@example.test", "long enough", second.baseUrl);
    const events = await collectEvents(await again.json(`/api/conversations/${id}/messages`, { content: "Again" }));
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
  } finally {
    await second.stop();
  }
});
