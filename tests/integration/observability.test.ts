// Prometheus metrics on their own port, behind a token: after a few turns the reply histograms and counters have
// moved, by model and outcome, and the process's own figures and its database pool's are there. JSON logs: one line per request with its id,
// and never a message's text.
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/bootstrap/embedded-postgres";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const TOKEN = "metrics-token-for-tests-only";
let upstream: FakeUpstream;
let dataDir: string;
let server: AppServer;
let metricsUrl: string;
let logFile: string;
const CANARY_TEXT = `canary message ${randomUUID()}`;

beforeAll(async () => {
  upstream = await startFakeUpstream({ scenario: { chunks: ["one ", "two ", "three"], paceMs: 10 } });
  dataDir = makeDataDir("parley-metrics-");
  const metricsPort = await findFreePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const extraEnv = {
    OPENAI_BASE_URL: upstream.url,
    OPENAI_MODELS: "fake-model",
    METRICS_PORT: String(metricsPort),
    METRICS_TOKEN: TOKEN,
    LOG_FORMAT: "json",
  };
  logFile = path.join(dataDir, "server.log");
  server = await startAppServer({ databaseUrl: await createEmptyDatabase(), dataDir, extraEnv, logFile });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const scrape = async () => {
  const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return response.text();
};

/** The value of one sample, e.g. `parley_replies_total{outcome="done"}`; 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split("\n").find((each) => each.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

it("refuses a scrape without the token, and counts turns, time to first token and tokens by model", async () => {
  expect((await fetch(metricsUrl)).status).toBe(401);
  expect((await fetch(metricsUrl, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  // The app's own port does not serve them.
  expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(404);

  const before = await scrape();
  const account = { email: "metrics@example.test", password: "long enough", name: "Metrics" };
  expect((await anonymousClient(server.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const client = await signedInClient(account.email, account.password, server.baseUrl);
  const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
  for (const content of ["First", "Second", CANARY_TEXT]) {
    const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content }));
    expect(events.find((event) => event.event === "done")).toBeDefined();
  }

  // The last reply's metrics are recorded once it is saved, just after its `done`.
  await expect
    .poll(async () => sample(await scrape(), 'parley_replies_total{outcome="done"}'))
    .toBe(sample(before, 'parley_replies_total{outcome="done"}') + 3);
  const after = await scrape();
  expect(sample(after, 'parley_reply_time_to_first_token_seconds_count{model="fake-model"}')).toBe(3);
  expect(sample(after, 'parley_reply_duration_seconds_count{model="fake-model"}')).toBe(3);
  expect(sample(after, 'parley_reply_duration_seconds_sum{model="fake-model"}')).toBeGreaterThan(0);
  expect(sample(after, 'parley_tokens_streamed_total{model="fake-model"}')).toBeGreaterThanOrEqual(9);
  expect(after).toMatch(/^parley_open_event_streams \d+$/m);
  expect(sample(after, "process_resident_memory_bytes")).toBeGreaterThan(0);

  // The database pool: its size, the connections the turns opened, and each checkout's wait.
  expect(sample(after, 'parley_db_pool_connections{state="max"}')).toBe(10);
  const opened =
    sample(after, 'parley_db_pool_connections{state="in_use"}') +
    sample(after, 'parley_db_pool_connections{state="idle"}');
  expect(opened).toBeGreaterThanOrEqual(1);
  expect(opened).toBeLessThanOrEqual(10);
  expect(after).toMatch(/^parley_db_pool_waiting_requests \d+$/m);
  // Three turns make dozens of queries, each a checkout.
  expect(sample(after, "parley_db_pool_wait_seconds_count")).toBeGreaterThan(
    sample(before, "parley_db_pool_wait_seconds_count") + 10,
  );
  expect(sample(after, 'parley_db_pool_wait_seconds_bucket{le="+Inf"}')).toBe(
    sample(after, "parley_db_pool_wait_seconds_count"),
  );
});

it("logs JSON lines, one per request with its id (a proxy's, or a new one echoed back), never a message's text", async () => {
  const proxyId = `proxy-${randomUUID()}`;
  const answered = await fetch(`${server.baseUrl}/api/health?probe=${CANARY_TEXT.replaceAll(" ", "-")}`, {
    headers: { "X-Request-Id": proxyId },
  });
  expect(answered.headers.get("x-request-id")).toBe(proxyId);
  const fresh = (await fetch(`${server.baseUrl}/api/health`)).headers.get("x-request-id") ?? "";
  expect(fresh).toMatch(/^[0-9a-f-]{36}$/);

  const lines = () =>
    readFileSync(logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  await expect.poll(() => lines().some((line) => line.requestId === fresh)).toBe(true);
  expect(lines().find((line) => line.requestId === proxyId)).toMatchObject({
    msg: "request",
    method: "GET",
    path: "/api/health",
    status: 200,
  });
  expect(lines().some((line) => line.msg === "request" && line.method === "POST" && line.status === 200)).toBe(true);
  expect(lines().some((line) => String(line.msg).startsWith("[parley] serving on"))).toBe(true);
  const log = readFileSync(logFile, "utf8");
  expect(log).not.toContain(CANARY_TEXT);
  expect(log).not.toContain(CANARY_TEXT.replaceAll(" ", "-"));
  expect(log).not.toContain(TOKEN);
});
