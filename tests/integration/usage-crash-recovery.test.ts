// A process killed mid-reply leaves its usage reservation behind; once its lease has expired the surviving (or next)
// process releases it, so the user's balance holds only what the ledger recorded.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryDatabase } from "../support/database-query";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { readEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { makeDataDir, startAppServer } from "../support/test-stack";

let upstream: FakeUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startFakeUpstream({
    scenario: { chunks: Array.from({ length: 60 }, (_, i) => `w${i} `), paceMs: 50 },
  });
  dataDir = makeDataDir("parley-usage-crash-");
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it("releases a killed process's reservations once its lease has expired", async () => {
  const databaseUrl = await createEmptyDatabase();
  const extraEnv = { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model", PROCESS_LEASE_SECONDS: "3" };
  const first = await startAppServer({ databaseUrl, dataDir, extraEnv, canBeKilled: true });
  const account = { email: "limited@example.test", password: "long enough", name: "Limited" };
  expect((await anonymousClient(first.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const [user] = await queryDatabase<{ id: string }>(databaseUrl, 'SELECT id FROM "User" WHERE email = $1', [
    account.email,
  ]);
  await queryDatabase(
    databaseUrl,
    `INSERT INTO "UsageLimit" (id, subject, "userId", "tokensPerDay", "updatedAt") VALUES ('limit1', $1, $2, 100000, now())`,
    [`user:${user?.id}`, user?.id],
  );
  const client = await signedInClient(account.email, account.password, first.baseUrl);
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  let events = 0;
  for await (const _event of readEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Go" }))) {
    events += 1;
    if (events === 3) break;
  }
  await first.kill();
  const counter = () =>
    queryDatabase<{ amount: string }>(
      databaseUrl,
      `SELECT amount::text FROM "UsageCounter" WHERE key LIKE 'user:%:day:%'`,
    );
  expect(await queryDatabase(databaseUrl, 'SELECT id FROM "UsageReservation"')).toHaveLength(1);
  expect(Number((await counter())[0]?.amount)).toBeGreaterThan(1000);

  const second = await startAppServer({ databaseUrl, dataDir, extraEnv });
  try {
    await expect
      .poll(async () => (await queryDatabase(databaseUrl, 'SELECT id FROM "UsageReservation"')).length, {
        timeout: 10_000,
      })
      .toBe(0);
    expect(Number((await counter())[0]?.amount)).toBe(0);
  } finally {
    await second.stop();
  }
});
