// Throttling, on a server of its own (the shared one raises the per-address limits, since every test connects from
// 127.0.0.1): password guessing is locked out per account and per client address, registrations are limited per
// address, X-Forwarded-For counts only behind TRUSTED_PROXY, and one user runs at most the admin's number of
// replies at once.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";
import { setCookieValue, signInThroughAction } from "../support/sign-in-action";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const PASSWORD = "long enough";
const ADDRESS_FAILURE_LIMIT = 8;
const REGISTRATION_LIMIT = 3;
let server: AppServer;
let upstream: FakeUpstream;
let dataDir: string;
let admin: Client;

/** A client address of its own for each caller, forwarded by the trusted proxy (this test, on loopback). */
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

beforeAll(async () => {
  // Slow enough that a reply is still running when the next turn is sent.
  upstream = await startFakeUpstream({ scenario: { chunkCount: 40, paceMs: 150 } });
  dataDir = makeDataDir("parley-throttle-");
  server = await startAppServer({
    databaseUrl: await createEmptyDatabase(),
    dataDir,
    extraEnv: {
      TRUSTED_PROXY: "127.0.0.1, ::1",
      SIGN_IN_FAILURES_PER_ADDRESS: String(ADDRESS_FAILURE_LIMIT),
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: String(REGISTRATION_LIMIT),
      OPENAI_BASE_URL: upstream.url,
      OPENAI_MODELS: "slow-model",
    },
  });
  const first = await register(`admin-${randomUUID()}@example.test`, newAddress());
  expect(first.status).toBe(201);
  admin = await signedInClient(((await first.json()) as { email: string }).email, PASSWORD, server.baseUrl);
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function register(email: string, forwardedFor: string): Promise<Response> {
  return fetch(`${server.baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ email, password: PASSWORD, name: "Someone" }),
  });
}

async function newAccount(): Promise<string> {
  const email = `user-${randomUUID()}@example.test`;
  expect((await register(email, newAddress())).status).toBe(201);
  return email;
}

/** One sign-in as the form makes it: the error next-auth reports (null on success) and whether a session began. */
async function signIn(email: string, password: string, forwardedFor: string) {
  const client = anonymousClient(server.baseUrl);
  const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const { url } = (await response.json()) as { url: string };
  const session = (await (await client.fetch("/api/auth/session")).json()) as { user?: unknown };
  return { error: new URL(url).searchParams.get("error"), isSignedIn: Boolean(session.user) };
}

/** Five wrong passwords from five addresses: the account is locked for anyone new to it. */
async function lockAccount(email: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) await signIn(email, "wrong password", newAddress());
}

/** A browser that signed in to the account with its password (through the form), as its requests' headers. */
async function knownDeviceOf(email: string): Promise<{ cookie: string; "x-forwarded-for": string }> {
  const first = await signInThroughAction(
    server.baseUrl,
    { email, password: PASSWORD },
    { "x-forwarded-for": newAddress() },
  );
  const device = setCookieValue(first, "parley-device");
  expect(device).not.toBeNull();
  return { cookie: `parley-device=${device}`, "x-forwarded-for": newAddress() };
}

describe("sign-in throttling", () => {
  it("locks an account after 5 wrong passwords, whatever address they come from, even for the right password", async () => {
    const email = await newAccount();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await signIn(email, "wrong password", newAddress())).toEqual({
        error: "CredentialsSignin",
        isSignedIn: false,
      });
    }
    expect(await signIn(email, PASSWORD, newAddress())).toEqual({
      error: "Too many attempts. Try again in 1 minute.",
      isSignedIn: false,
    });
    // Other accounts are not affected.
    expect(await signIn(await newAccount(), PASSWORD, newAddress())).toEqual({ error: null, isSignedIn: true });
  });

  it("locks a client address that guesses at many accounts, and a forged X-Forwarded-For entry does not escape it", async () => {
    const attacker = newAddress();
    for (let attempt = 0; attempt < ADDRESS_FAILURE_LIMIT; attempt++) {
      expect((await signIn(`nobody-${randomUUID()}@example.test`, "guess", attacker)).error).toBe("CredentialsSignin");
    }
    const victim = await newAccount();
    expect((await signIn(victim, PASSWORD, attacker)).error).toMatch(/^Too many attempts/);
    // The trusted proxy appends the address it saw; what the client wrote before it is not believed.
    expect((await signIn(victim, PASSWORD, `${newAddress()}, ${attacker}`)).error).toMatch(/^Too many attempts/);
    expect(await signIn(victim, PASSWORD, newAddress())).toEqual({ error: null, isSignedIn: true });
  });

  it("lets no more guesses through than the limit when they are sent all at once", async () => {
    const email = await newAccount();
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(email, "wrong password", newAddress())));
    const errors = answers.map((answer) => answer.error);
    expect(errors.filter((error) => error === "CredentialsSignin")).toHaveLength(5);
    expect(errors.filter((error) => error?.startsWith("Too many attempts"))).toHaveLength(15);
  });

  it("keeps a browser that signed in with the password before signing in while guesses from elsewhere lock the account", async () => {
    const email = await newAccount();
    const owner = await knownDeviceOf(email);
    await lockAccount(email);
    expect((await signIn(email, PASSWORD, newAddress())).error).toMatch(/^Too many attempts/);

    const again = await signInThroughAction(server.baseUrl, { email, password: PASSWORD }, owner);
    expect(again.headers.get("x-action-redirect")).toMatch(/^\/;/);
    expect(setCookieValue(again, "next-auth.session-token")).toBeTruthy();
    // Its cookie is for this account only; another account's lock still holds on that browser.
    const other = await newAccount();
    await lockAccount(other);
    const elsewhere = await signInThroughAction(server.baseUrl, { email: other, password: PASSWORD }, owner);
    expect(elsewhere.headers.get("x-action-redirect")).toBeNull();
    expect(await elsewhere.text()).toContain('"retryInMinutes":1');
  });

  it("locks a known device that guesses wrong on its own, as the account would be", async () => {
    const email = await newAccount();
    const owner = await knownDeviceOf(email);
    for (let attempt = 0; attempt < 5; attempt++) {
      await signInThroughAction(server.baseUrl, { email, password: "wrong password" }, owner);
    }
    const locked = await signInThroughAction(server.baseUrl, { email, password: PASSWORD }, owner);
    expect(await locked.text()).toContain('"retryInMinutes":1');
    // Its guesses did not lock the account for everyone else.
    expect(await signIn(email, PASSWORD, newAddress())).toEqual({ error: null, isSignedIn: true });
  });

  it("ends an account's known devices with a new password, so that a browser of whoever held the old one is new again", async () => {
    const email = await newAccount();
    const formerHolder = await knownDeviceOf(email);
    const owner = await signedInClient(email, PASSWORD, server.baseUrl);
    const changed = await owner.json("/api/account/password", {
      currentPassword: PASSWORD,
      newPassword: "the new one",
    });
    expect(changed.status).toBe(204);
    await lockAccount(email);
    const refused = await signInThroughAction(server.baseUrl, { email, password: "the new one" }, formerHolder);
    expect(await refused.text()).toContain('"retryInMinutes":1');
    // The browser that changed the password knows the new one: it signs in during the lock.
    const device = owner.cookieHeader().match(/parley-device=[^;]+/)?.[0];
    expect(device).toBeDefined();
    const again = await signInThroughAction(
      server.baseUrl,
      { email, password: "the new one" },
      { cookie: device ?? "", "x-forwarded-for": newAddress() },
    );
    expect(again.headers.get("x-action-redirect")).toMatch(/^\/;/);
  });

  it("lets a signed-in owner change their password while guesses at the sign-in form lock the account", async () => {
    const email = await newAccount();
    const session = await signedInClient(email, PASSWORD, server.baseUrl);
    await lockAccount(email);
    expect((await signIn(email, PASSWORD, newAddress())).error).toMatch(/^Too many attempts/);
    const changed = await session.json("/api/account/password", {
      currentPassword: PASSWORD,
      newPassword: "a new password",
    });
    expect(changed.status).toBe(204);
  });

  it("clears an account's failures when the right password is given before the lock", async () => {
    const email = await newAccount();
    for (let attempt = 0; attempt < 4; attempt++) await signIn(email, "wrong password", newAddress());
    expect((await signIn(email, PASSWORD, newAddress())).isSignedIn).toBe(true);
    for (let attempt = 0; attempt < 4; attempt++) await signIn(email, "wrong password", newAddress());
    expect((await signIn(email, PASSWORD, newAddress())).isSignedIn).toBe(true);
  });
});

describe("registration throttling", () => {
  it("limits attempts per client address, the 'email taken' answers included", async () => {
    const address = newAddress();
    const taken = await newAccount();
    expect((await register(`new-${randomUUID()}@example.test`, address)).status).toBe(201);
    expect((await register(taken, address)).status).toBe(409);
    expect((await register(taken, address)).status).toBe(409);
    const refused = await register(taken, address);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/^Too many attempts\. Try again in \d+ minutes\.$/),
      },
    });
    expect((await register(`new-${randomUUID()}@example.test`, address)).status).toBe(429);
    expect((await register(`new-${randomUUID()}@example.test`, newAddress())).status).toBe(201);
  });
});

describe("concurrent replies per user", () => {
  async function newConversation(client: Client): Promise<string> {
    const created = await client.json("/api/conversations", {});
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  it("refuses a turn over the admin's limit with 429 before writing it, and frees the slot when a reply ends", async () => {
    const email = await newAccount();
    const user = await signedInClient(email, PASSWORD, server.baseUrl);
    const setLimit = await admin.json("/api/admin/reply-streams", { limit: 2 }, "PUT");
    expect(await setLimit.json()).toEqual({ limit: 2 });
    const [first, second, third] = [
      await newConversation(user),
      await newConversation(user),
      await newConversation(user),
    ];
    const running = [
      await user.json(`/api/conversations/${first}/messages`, { content: "One" }),
      await user.json(`/api/conversations/${second}/messages`, { content: "Two" }),
    ];
    expect(running.map((response) => response.status)).toEqual([200, 200]);

    const refused = await user.json(`/api/conversations/${third}/messages`, { content: "Three" });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { code: "rate_limited", message: expect.stringMatching(/2 replies/) },
    });
    const stored = await user.fetch(`/api/conversations/${third}`);
    expect(stored.status).toBe(200);
    expect(JSON.stringify(await stored.json())).not.toContain("Three");

    expect((await user.fetch(`/api/conversations/${first}/stop`, { method: "POST" })).status).toBeLessThan(300);
    await running[0]?.text();
    const accepted = await user.json(`/api/conversations/${third}/messages`, { content: "Three" });
    expect(accepted.status).toBe(200);
    await user.fetch(`/api/conversations/${second}/stop`, { method: "POST" });
    await user.fetch(`/api/conversations/${third}/stop`, { method: "POST" });
    await Promise.all([running[1]?.text(), accepted.text()]);
  });
});
