// "Forgot password?" with mail, on a server of its own with SMTP_URL pointing at an SMTP server run by the test:
// the mail arrives with a link that works once, an unknown address gets the same answer and no mail, and the limits
// per address and per client hold. Its empty database also makes its first user the only admin, and lets a second
// start show that PASSWORD_SIGN_IN_RECOVERY switches password sign-in back on and that SSO_PROVIDERS configures
// single sign-on.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type MailCatcher, startMailCatcher } from "../support/mail-catcher";
import { anonymousClient, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const PASSWORD = "long enough";
let server: AppServer;
let mail: MailCatcher;
let dataDir: string;
let adminEmail: string;
let databaseUrl: string;
let nextAddress = 1;
const newAddress = () => `198.51.100.${nextAddress++}`;

beforeAll(async () => {
  mail = await startMailCatcher();
  dataDir = makeDataDir("parley-mail-");
  databaseUrl = await createEmptyDatabase();
  server = await startAppServer({
    databaseUrl,
    dataDir,
    extraEnv: { SMTP_URL: mail.url, MAIL_FROM: "Parley <parley@example.test>", TRUSTED_PROXY: "127.0.0.1, ::1" },
  });
  // The first account of an empty database: its only admin.
  adminEmail = await register();
});
afterAll(async () => {
  await server?.stop();
  await mail?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function register(): Promise<string> {
  const email = `user-${randomUUID().slice(0, 8)}@example.test`;
  const response = await anonymousClient(server.baseUrl).json("/api/auth/register", {
    email,
    password: PASSWORD,
    name: "Someone",
  });
  expect(response.status).toBe(201);
  return email;
}

/** A caught mail's text with quoted-printable's soft line breaks joined. */
const textOf = (raw: string) => raw.replace(/=\r?\n/g, "");

function forgot(email: string, from = newAddress()): Promise<Response> {
  return fetch(`${server.baseUrl}/api/auth/forgot-password`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": from },
    body: JSON.stringify({ email }),
  });
}

describe("forgot password, with mail", () => {
  it("mails a link that sets the password once; an unknown address gets the same answer and no mail", async () => {
    const email = await register();
    const page = await anonymousClient(server.baseUrl).fetch("/forgot-password");
    expect(await page.text()).toContain("Send reset link");

    const known = await forgot(email.toUpperCase());
    const unknownEmail = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const unknown = await forgot(unknownEmail);
    expect([known.status, await known.text()]).toEqual([unknown.status, await unknown.text()]);
    expect(known.status).toBe(202);

    const message = await mail.waitForMailTo(email);
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(textOf(message.raw))?.[1] ?? "";
    expect(token).toHaveLength(43);
    const reset = (password: string) =>
      anonymousClient(server.baseUrl).json("/api/auth/password-reset", { token, password });
    expect((await reset("a brand new one")).status).toBe(204);
    expect((await reset("and once more")).status).toBe(400);
    // The spent link's page offers the way to a new one, not only the way back to sign-in.
    const spent = await (await anonymousClient(server.baseUrl).fetch(`/reset-password/${token}`)).text();
    expect(spent).toContain("This reset link has expired or was already used.");
    expect(spent).toMatch(/<a[^>]*href="\/forgot-password"[^>]*>Ask for a new link<\/a>/);
    await expect(signedInClient(email, "a brand new one", server.baseUrl)).resolves.toBeDefined();
    expect(mail.mails.some((caught) => caught.to.includes(unknownEmail))).toBe(false);
  });

  it("limits requests per address and per client", async () => {
    const email = await register();
    for (let attempt = 0; attempt < 3; attempt++) expect((await forgot(email)).status).toBe(202);
    const limited = await forgot(email);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);

    const client = newAddress();
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await forgot(`someone-${attempt}-${randomUUID().slice(0, 6)}@example.test`, client)).status).toBe(202);
    }
    expect((await forgot(`another-${randomUUID().slice(0, 6)}@example.test`, client)).status).toBe(429);
  });
});

describe("an account without a password (single sign-on only)", () => {
  it("is offered a link instead of being asked for a password it never had, and has one once the link is used", async () => {
    const email = await register();
    const client = await signedInClient(email, PASSWORD, server.baseUrl);
    // As a first single sign-on leaves an account: a password nobody knows.
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    const hasPassword = async () =>
      (await database.query<{ hasPassword: boolean }>(`SELECT "hasPassword" FROM "User" WHERE email = $1`, [email]))
        .rows[0]?.hasPassword;
    try {
      await database.query(`UPDATE "User" SET "hasPassword" = false WHERE email = $1`, [email]);
      const settings = await (await client.fetch("/settings")).text();
      expect(settings).toContain("Email me a link to set a password");
      expect(settings).not.toContain("Current password");

      const noPassword =
        "Your account has no password yet: you sign in with single sign-on. Set one with a reset link first.";
      const emailChange = await client.json(
        "/api/account",
        { email: "elsewhere@example.test", currentPassword: PASSWORD },
        "PATCH",
      );
      expect([
        emailChange.status,
        ((await emailChange.json()) as { error: { code: string; message: string } }).error,
      ]).toEqual([409, { code: "no_password", message: noPassword }]);
      const passwordChange = await client.json("/api/account/password", {
        currentPassword: PASSWORD,
        newPassword: "another long one",
        signOutOtherDevices: false,
      });
      expect(passwordChange.status).toBe(409);

      expect((await forgot(email)).status).toBe(202);
      const message = await mail.waitForMailTo(email);
      const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(textOf(message.raw))?.[1] ?? "";
      const reset = await anonymousClient(server.baseUrl).json("/api/auth/password-reset", {
        token,
        password: "now my own",
      });
      expect(reset.status).toBe(204);
      expect(await hasPassword()).toBe(true);
      const again = await signedInClient(email, "now my own", server.baseUrl);
      expect(await (await again.fetch("/settings")).text()).toContain("Current password");
    } finally {
      await database.end();
    }
  });
});

describe("notices of sign-in changes", () => {
  it("tells the old address of an email change and the account of a password change, and nobody of a refused one", async () => {
    const email = await register();
    const client = await signedInClient(email, PASSWORD, server.baseUrl);
    const newEmail = `moved-${randomUUID().slice(0, 8)}@example.test`;
    const wrongPassword = await client.json("/api/account", { email: newEmail, currentPassword: "not it" }, "PATCH");
    expect(wrongPassword.status).toBe(400);

    const moved = await client.json("/api/account", { email: newEmail, currentPassword: PASSWORD }, "PATCH");
    expect(moved.status).toBe(200);
    const emailNotice = textOf((await mail.waitForMailTo(email)).raw);
    expect(emailNotice).toContain("Subject: The email of your Parley account was changed");
    expect(emailNotice).toContain(`was changed from ${email} to ${newEmail}`);
    expect(emailNotice).toContain("ask an admin of this Parley");

    const changed = await client.json("/api/account/password", {
      currentPassword: PASSWORD,
      newPassword: "a new long one",
      signOutOtherDevices: true,
    });
    expect(changed.status).toBe(204);
    const passwordNotice = textOf((await mail.waitForMailTo(newEmail)).raw);
    expect(passwordNotice).toContain("Subject: The password of your Parley account was changed");
    expect(passwordNotice).toContain("Every other device signed in to it was signed out.");
    // The refused change mailed nobody: the old address got the one notice, the new one only its own.
    expect(mail.mails.filter((caught) => caught.to.includes(email))).toHaveLength(1);
    expect(mail.mails.filter((caught) => caught.to.includes(newEmail))).toHaveLength(1);
  });
});

describe("the only admin", () => {
  it("cannot delete their own account", async () => {
    const admin = await signedInClient(adminEmail, PASSWORD, server.baseUrl);
    const refused = await admin.json("/api/account", { email: adminEmail, currentPassword: PASSWORD }, "DELETE");
    expect(refused.status).toBe(409);
    expect((await admin.fetch("/api/conversations")).status).toBe(200);
  });
});

const ssoFromEnv = {
  slug: "corp",
  label: "Corp Login",
  issuer: "https://id.corp.example",
  clientId: "parley",
  clientSecret: "from-the-environment",
};

describe("a start with the environment's settings", () => {
  it("PASSWORD_SIGN_IN_RECOVERY=true switches password sign-in back on; SSO_PROVIDERS adds a provider", async () => {
    const database = new pg.Client({ connectionString: databaseUrl });
    await database.connect();
    await database.query(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ('passwordSignIn', 'off', now())
       ON CONFLICT (key) DO UPDATE SET value = 'off'`,
    );
    await expect(signedInClient(adminEmail, PASSWORD, server.baseUrl)).rejects.toThrow(/Sign-in failed/);
    const recoveryDir = makeDataDir("parley-recovery-");
    const recovering = await startAppServer({
      databaseUrl,
      dataDir: recoveryDir,
      extraEnv: { PASSWORD_SIGN_IN_RECOVERY: "true", SSO_PROVIDERS: JSON.stringify([ssoFromEnv]) },
    });
    try {
      await expect(signedInClient(adminEmail, PASSWORD, recovering.baseUrl)).resolves.toBeDefined();
      const { rows } = await database.query(`SELECT value FROM "Setting" WHERE key = 'passwordSignIn'`);
      expect(rows[0]?.value).toBe("on");
      const page = await anonymousClient(recovering.baseUrl).fetch("/sign-in");
      expect(await page.text()).toContain("Continue with Corp Login");
      const stored = await database.query(`SELECT "clientSecretEncrypted" FROM "SsoProvider" WHERE slug = 'corp'`);
      expect(stored.rows[0]?.clientSecretEncrypted).not.toContain("from-the-environment");
    } finally {
      await recovering.stop();
      await database.end();
      rmSync(recoveryDir, { recursive: true, force: true });
    }
  });
});
