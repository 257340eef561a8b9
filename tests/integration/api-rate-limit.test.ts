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
const complete = (secret: string) =>
  fetch(`${server.baseUrl}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "fake-model", messages: [{ role: "user", content: "Hi" }], stream: true }),
  });

/** OpenAI's x-ratelimit-*-requests headers of an answer. */
function standing(answer: Response) {
  const reset = answer.headers.get("x-ratelimit-reset-requests") ?? "";
  expect(reset).toMatch(/^([1-5]?[0-9]s|1m0s)$/);
  return {
    limit: answer.headers.get("x-ratelimit-limit-requests"),
    remaining: answer.headers.get("x-ratelimit-remaining-requests"),
  };
}

it("refuses a key, and then all of its user's keys, past the requests per minute the admin allows", async () => {
  // The first account is the admin: API access is on for admins by default.
  const account = { email: "rate@example.test", password: "long enough", name: "Rate" };
  expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const admin = await signedInClient(account.email, account.password, server.baseUrl);
  expect((await admin.json("/api/admin/api-access", { requestsPerMinute: 3 }, "PUT")).status).toBe(200);
  const first = await makeKey(admin, "first");
  const second = await makeKey(admin, "second");

  // Each answer tells what is left, in OpenAI's headers: a completion (streamed) counts as a listing does.
  const answers = [await listModels(first), await complete(first), await listModels(first)];
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  expect(answers.map(standing)).toEqual(["2", "1", "0"].map((remaining) => ({ limit: "3", remaining })));
  expect(await answers[1]?.text()).toContain("data: [DONE]");
  const refused = await listModels(first);
  expect(refused.status).toBe(429);
  expect(standing(refused)).toEqual({ limit: "3", remaining: "0" });
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  // A minute's rate passes soon: the SDKs may retry it (only refusals no retry can change say x-should-retry: false).
  expect(refused.headers.get("x-should-retry")).toBeNull();
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
  // The user's own count is spent too: another key of theirs is refused as well.
  const refusedCompletion = await complete(second);
  expect(refusedCompletion.status).toBe(429);
  expect(standing(refusedCompletion)).toEqual({ limit: "3", remaining: "0" });
});
