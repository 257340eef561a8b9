// Sessions end SESSION_MAX_AGE_DAYS after sign-in however often they are used, on a server of its own whose signing
// secret the test knows, so that it can present a session signed in long ago (changing the clock is not possible).
import { rmSync } from "node:fs";
import { decode, encode, type JWT } from "next-auth/jwt";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { makeUser } from "../support/factories";
import { anonymousClient } from "../support/session-client";
import { type AppServer, authSecretFor, makeDataDir, startAppServer } from "../support/test-stack";

// The test stack's secret of the suite's database: a server with another one would be refused at start.
const AUTH_SECRET = authSecretFor(inject("databaseUrl"));
const COOKIE = "next-auth.session-token";
const DAY_SECONDS = 24 * 60 * 60;
let server: AppServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-session-");
  const extraEnv = { SESSION_MAX_AGE_DAYS: "7" };
  server = await startAppServer({ databaseUrl: inject("databaseUrl"), dataDir, extraEnv });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A request with this token as the session cookie, as a browser holding it would send. */
async function statusWith(token: JWT): Promise<number> {
  const cookie = `${COOKIE}=${await encode({ token, secret: AUTH_SECRET })}`;
  return (await anonymousClient(server.baseUrl).fetch("/api/conversations", { headers: { cookie } })).status;
}

it("records the sign-in time and ends the session SESSION_MAX_AGE_DAYS later, however recently it was used", async () => {
  const user = await makeUser();
  const before = Math.floor(Date.now() / 1000);
  const sessionCookie = await sessionTokenOf(user.email, user.password);
  const claims = (await decode({ token: sessionCookie, secret: AUTH_SECRET })) as JWT & { signedInAt?: number };
  expect(claims.signedInAt).toBeGreaterThanOrEqual(before);
  expect(claims.signedInAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));

  const now = Math.floor(Date.now() / 1000);
  expect(await statusWith(claims)).toBe(200);
  expect(await statusWith({ ...claims, signedInAt: now - 6 * DAY_SECONDS })).toBe(200);
  expect(await statusWith({ ...claims, signedInAt: now - 7 * DAY_SECONDS - 60 })).toBe(401);
  // A token from before sign-in times were recorded has no known age: it ends too.
  const { signedInAt: _, ...withoutSignInTime } = claims;
  expect(await statusWith(withoutSignInTime)).toBe(401);
});

/** Signs in through the real flow and returns the raw session cookie it set. */
async function sessionTokenOf(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const response = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${COOKIE}=`));
  if (!session) throw new Error(`Sign-in set no session cookie (status ${response.status})`);
  return session.slice(COOKIE.length + 1).split(";")[0] ?? "";
}
