// A process killed mid-reply: after a restart no reply is left STREAMING, and the conversation goes on.
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

async function replyStatus(databaseUrl: string, id: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ status: string }>('SELECT status::text FROM "Message" WHERE id = $1', [id]);
  await client.end();
  return rows[0]?.status ?? "missing";
}

it("marks a reply cut off by a killed process INTERRUPTED at the next start and accepts the next message", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model" };
  const first = await startAppServer({ databaseUrl, dataDir, extraEnv, canBeKilled: true });
  const account = { email: "crash@example.test", password: "long enough", name: "Crash" };
  expect((await anonymousClient(first.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const client = await signedInClient(account.email, account.password, first.baseUrl);
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
    const again = await signedInClient(account.email, account.password, second.baseUrl);
    const events = await collectEvents(await again.json(`/api/conversations/${id}/messages`, { content: "Again" }));
    expect(events.at(-1)).toMatchObject({ event: "done", data: { status: "COMPLETE" } });
  } finally {
    await second.stop();
  }
});
