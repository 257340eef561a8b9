// Requests per minute to the /v1 API, per key and per user (on the sign-in throttle's counters). On a server and
// database of its own: the admin's rate is global, and a low one would refuse the other files' calls.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { anonymousClient, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

let upstream: FakeUpstream;
let dataDir: string;
let server: AppServer;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  dataDir = makeDataDir("parley-api-rate-");
  const databaseUrl = await createEmptyDatabase();
  server = await startAppServer({
    databaseUrl,
    dataDir,
    extraEnv: { OPENAI_BASE_URL: upstream.url, OPENAI_MODELS: "fake-model" },
  });
});
afterAll(async () => {
  await server.stop();
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function makeKey(client: Awaited<ReturnType<typeof signedInClient>>, name: string): Promise<string> {
  const created = await client.json("/api/account/api-keys", { name });
  return ((await created.json()) as { secret: string }).secret;
}

const listModels = (secret: string) =>
  fetch(`${server.baseUrl}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });

it("refuses a key, and then all of its user's keys, past the requests per minute the admin allows", async () => {
  // The first account is the admin: API access is on for admins by default.
  const account = { email: "rate@example.test", password: "long enough", name: "Rate" };
  expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const admin = await signedInClient(account.email, account.password, server.baseUrl);
  expect((await admin.json("/api/admin/api-access", { requestsPerMinute: 3 }, "PUT")).status).toBe(200);
  const first = await makeKey(admin, "first");
  const second = await makeKey(admin, "second");

  for (let call = 0; call < 3; call++) expect((await listModels(first)).status).toBe(200);
  const refused = await listModels(first);
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // A minute's rate passes soon: the SDKs may retry it (only refusals no retry can change say x-should-retry: false).
  expect(refused.headers.get("x-should-retry")).toBeNull();
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
  // The user's own count is spent too: another key of theirs is refused as well.
  expect((await listModels(second)).status).toBe(429);
});
