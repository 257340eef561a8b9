// What the server's log tells an operator, once per process rather than once per request: a proxy that TRUSTED_PROXY
// does not name, an address users reach Parley at that is not NEXTAUTH_URL, a session cookie the server cannot read;
// and a /v1 call whose provider is out of reach is counted and logged as a chat reply's failure is. A second loopback
// address (127.0.0.2) plays the trusted reverse proxy. JSON logs: every line on one output, in order, so that a
// request's own line marks the point by which everything logged before it has arrived.
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { makeApiUser, parleyClient } from "../support/api-keys";
import { makeModel, makeUser } from "../support/factories";
import { signInThroughAction } from "../support/sign-in-action";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const TOKEN = "metrics-token-for-tests-only";
const PROXY_ADDRESS = "127.0.0.2";
let server: AppServer;
let dataDir: string;
let logFile: string;
let metricsUrl: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-warnings-");
  logFile = path.join(dataDir, "server.log");
  const metricsPort = await findFreePort();
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  const extraEnv = {
    METRICS_PORT: String(metricsPort),
    METRICS_TOKEN: TOKEN,
    TRUSTED_PROXY: PROXY_ADDRESS,
    LOG_FORMAT: "json",
  };
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), dataDir, extraEnv, logFile });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A GET sent from `localAddress` with these headers; its status. */
function get(pathname: string, headers: Record<string, string>, localAddress = "127.0.0.1"): Promise<number> {
  const { hostname, port } = new URL(server.baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.get({ host: hostname, port, path: pathname, headers, localAddress }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("error", reject);
  });
}

const linesWith = (text: string) =>
  readFileSync(logFile, "utf8")
    .split("\n")
    .filter((line) => line.includes(text));

/** The lines with `text` once everything logged until now has reached the log file. */
async function settledLinesWith(text: string): Promise<string[]> {
  const marker = `marker-${randomUUID()}`;
  await fetch(`${server.baseUrl}/api/health`, { headers: { "x-request-id": marker } });
  await expect.poll(() => linesWith(marker).length).toBeGreaterThan(0);
  return linesWith(text);
}

async function expectOneLineWith(text: string): Promise<string> {
  expect(await settledLinesWith(text)).toHaveLength(1);
  return linesWith(text)[0] ?? "";
}

it("logs one line for session cookies it cannot read, not one per request", async () => {
  for (let request = 0; request < 3; request++) {
    const cookie = `next-auth.session-token=forged-${randomUUID()}`;
    expect((await fetch(`${server.baseUrl}/api/conversations`, { headers: { cookie } })).status).toBe(401);
  }
  const line = await expectOneLineWith("session cookie");
  expect(line).toContain("could not be read");
  expect(line).not.toContain("forged-");
});

it("takes a sign-in's redirect, which Next renders by a request to this server with X-Forwarded-For, for no proxy", async () => {
  const user = await makeUser();
  const signedIn = await signInThroughAction(server.baseUrl, { email: user.email, password: user.password });
  expect(signedIn.headers.get("x-action-redirect")).toMatch(/^\/;/);
  expect(await settledLinesWith("TRUSTED_PROXY=")).toHaveLength(0);
});

it("says once that a proxy TRUSTED_PROXY does not name sends X-Forwarded-For, and how to trust it", async () => {
  expect(await get("/api/health", { "x-forwarded-for": "198.51.100.7" }, PROXY_ADDRESS)).toBe(200);
  expect(await settledLinesWith("TRUSTED_PROXY=")).toHaveLength(0);
  for (let request = 0; request < 2; request++) {
    expect(await get("/api/health", { "x-forwarded-for": "198.51.100.7" })).toBe(200);
  }
  const line = await expectOneLineWith("TRUSTED_PROXY=");
  expect(line).toContain("X-Forwarded-For from 127.0.0.1");
  expect(line).toContain("TRUSTED_PROXY=127.0.0.1");
  expect(line).not.toContain("198.51.100.7");
});

it("says once that users reach Parley at another address than NEXTAUTH_URL, naming it and the setting", async () => {
  const proxied = {
    "x-forwarded-for": "198.51.100.7",
    "x-forwarded-proto": "https",
    "x-forwarded-host": "chat.example.test:8444",
  };
  // A probe of the process's own address is not a user's visit.
  expect(await get("/api/health", { host: "10.0.0.5:3000" })).toBe(200);
  expect(await settledLinesWith("NEXTAUTH_URL=")).toHaveLength(0);
  for (let request = 0; request < 2; request++) await get("/sign-in", proxied, PROXY_ADDRESS);
  const line = await expectOneLineWith("NEXTAUTH_URL=");
  expect(line).toContain(`https://chat.example.test:8444`);
  expect(line).toContain(`NEXTAUTH_URL is ${server.baseUrl}`);
  expect(line).toContain("NEXTAUTH_URL=https://chat.example.test:8444");
});

it("counts and logs a /v1 call whose provider cannot be reached, as it does a chat reply's", async () => {
  const { key } = await makeApiUser();
  const upstreamName = `unreachable-${randomUUID().slice(0, 8)}`;
  await makeModel(`http://127.0.0.1:${await findFreePort()}/v1`, { upstreamName });
  const scrape = async () =>
    (await fetch(metricsUrl, { headers: { authorization: `Bearer ${TOKEN}` } })).text().then((text) => {
      const line = text.split("\n").find((each) => each.startsWith('parley_upstream_errors_total{status="none"} '));
      return line ? Number(line.split(" ")[1]) : 0;
    });
  const before = await scrape();

  const failure = await parleyClient(key.secret, server.baseUrl)
    .chat.completions.create({ model: upstreamName, messages: [{ role: "user", content: "Hello" }] })
    .then(
      () => null,
      (error: { status?: number; code?: string }) => ({ status: error.status, code: error.code }),
    );
  expect(failure).toEqual({ status: 503, code: "upstream_overloaded" });
  expect(await scrape()).toBe(before + 1);
  await expect
    .poll(() => linesWith(upstreamName).some((line) => line.includes("failed: upstream_error (upstream status")))
    .toBe(true);
});
