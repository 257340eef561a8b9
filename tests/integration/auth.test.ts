// Accounts: registration, sign-in answers that reveal nothing, and sessions that can be revoked at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, uniqueEmail } from "../support/factories";
import { anonymousClient, signedInClient } from "../support/session-client";

describe("registration", () => {
  it("creates an account, lowercases the email and refuses the same email twice", async () => {
    const email = uniqueEmail("Mixed.Case");
    const client = anonymousClient();
    const created = await client.json("/api/auth/register", { email, password: "long enough", name: "Ada" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ email: email.toLowerCase(), name: "Ada", role: "USER" });
    const stored = await db().user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);

    const again = await client.json("/api/auth/register", {
      email: email.toLowerCase(),
      password: "long enough",
      name: "Ada",
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({
      error: { code: "email_taken", message: "An account with this email already exists." },
    });
  });

  it("answers invalid input with 400 and an issue per field, and writes nothing", async () => {
    const before = await db().user.count();
    const response = await anonymousClient().json("/api/auth/register", { email: "nope", password: "short", name: "" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; issues: { path: string[] }[] } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.issues.map((issue) => issue.path[0]).sort()).toEqual(["email", "name", "password"]);
    expect(
      (
        await anonymousClient().json("/api/auth/register", {
          email: uniqueEmail(),
          password: "x".repeat(129),
          name: "A",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await anonymousClient().json("/api/auth/register", {
          email: uniqueEmail(),
          password: "long enough",
          name: "A",
          role: "ADMIN",
        })
      ).status,
    ).toBe(400);
    expect(await db().user.count()).toBe(before);
  });
});

describe("sign-in", () => {
  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await makeUser();
    const attempt = async (email: string, password: string) => {
      const client = anonymousClient();
      const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await client.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
      });
      const session = await (await client.fetch("/api/auth/session")).json();
      return { status: response.status, location: response.headers.get("location"), session };
    };
    const wrongPassword = await attempt(user.email, "not the password");
    const unknownEmail = await attempt(uniqueEmail(), "not the password");
    expect(wrongPassword).toEqual(unknownEmail);
    expect(wrongPassword.session).toEqual({});
  });

  it("ends every session at once when the user's session version is bumped", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    expect((await client.fetch("/api/conversations")).status).toBe(200);
    await db().user.update({ where: { id: user.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await client.fetch("/api/conversations")).status).toBe(401);
  });

  it("signing out makes a copy of the old session cookie useless", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const stolenCopy = await signedInClient(user.email, user.password);
    const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const signOut = await client.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(signOut.status).toBe(200);
    expect((await client.fetch("/api/conversations")).status).toBe(401);
    expect((await stolenCopy.fetch("/api/conversations")).status).toBe(401);
  });

  it("ends the session of a user who is disabled while signed in, and reflects a demotion at once", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    await db().user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect(await (await client.fetch("/api/auth/session")).json()).toMatchObject({ user: { role: "ADMIN" } });
    await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    expect((await client.fetch("/api/conversations")).status).toBe(401);
  });

  it("refuses a disabled account", async () => {
    const user = await makeUser();
    await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    await expect(signedInClient(user.email, user.password)).rejects.toThrow(/Sign-in failed/);
  });
});

describe("pages", () => {
  it("send anonymous visitors to sign-in", async () => {
    const response = await anonymousClient().fetch("/");
    expect([307, 308]).toContain(response.status);
    expect(response.headers.get("location")).toContain("/sign-in");
  });

  it("send them back to the page they asked for once signed in: a shared link to a conversation still opens it", async () => {
    const asked = await anonymousClient().fetch("/c/some-conversation?from=mail");
    expect([307, 308]).toContain(asked.status);
    const location = new URL(asked.headers.get("location") ?? "", "http://x");
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe("/c/some-conversation?from=mail");
    // The sign-in page carries it into its form, checked as every return address is.
    const signIn = await anonymousClient().fetch(`${location.pathname}${location.search}`);
    expect(await signIn.text()).toContain('name="callbackUrl" value="/c/some-conversation?from=mail"');
  });
});
