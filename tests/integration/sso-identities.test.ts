// What an SSO sign-in resolves to, on the real database: a token counts only from the issuer configured for its
// provider, an account joined by its email keeps none of the credentials set before the provider vouched for it (and
// its address is told), and a reset link unlinks the identities whose provider never vouched for the account's email.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createResetLink, resetPassword } from "@/lib/accounts/password-reset";
import { db } from "@/lib/db/client";
import { linkIdentity, type SsoProviderRow } from "@/lib/db/sso";
import { resolveSsoUser } from "@/lib/sso/sso-sign-in";
import { makeApiKey } from "../support/api-keys";
import { collectConsoleErrors } from "../support/console-errors";
import { makeUser, uniqueEmail } from "../support/factories";
import { startMailCatcher } from "../support/mail-catcher";
import { signedInClient } from "../support/session-client";

// The sign-ins run in this process: its mail goes to a catcher of its own (set before anything reads the settings).
const mail = await startMailCatcher();
process.env.SMTP_URL = mail.url;
process.env.MAIL_FROM = "Parley <parley@example.test>";
afterAll(() => mail.close());

/** A caught mail's text with quoted-printable's soft line breaks joined. */
const textOf = (raw: string) => raw.replace(/=\r?\n/g, "");

function provider(fields: Pick<SsoProviderRow, "issuer"> & Partial<SsoProviderRow>): SsoProviderRow {
  return {
    id: randomUUID(),
    slug: `idp-${randomUUID().slice(0, 6)}`,
    label: "Test IdP",
    clientId: "parley",
    scopes: "openid email profile",
    allowLinking: false,
    allowedDomains: null,
    groupsClaim: "groups",
    adminGroup: null,
    teamMappings: null,
    version: 1,
    ...fields,
  };
}

describe("the issuer of a token", () => {
  it("must be the provider's own: another provider cannot sign in as the accounts of the issuer it names", async () => {
    const victim = await makeUser();
    const subject = String(Date.now());
    await linkIdentity(victim.id, { issuer: "https://github.com", subject, vouchesForEmail: true });
    const claims = { iss: "https://github.com", sub: subject, email: victim.email, email_verified: true };

    const partner = provider({ issuer: "https://idp.partner.test", allowLinking: true });
    // The refusal is logged for the admins, with both issuers.
    const logged = collectConsoleErrors();
    expect(await resolveSsoUser(partner, claims)).toBe("SsoIssuerMismatch");
    expect(logged).toEqual([
      expect.stringContaining("(https://github.com) is not the one configured (https://idp.partner.test)"),
    ]);
    // The configured issuer may end with a slash where the token's does not.
    const github = provider({ issuer: "https://github.com/" });
    expect(await resolveSsoUser(github, claims)).toMatchObject({ id: victim.id });
  });
});

describe("joining an account by its email", () => {
  it("ends the password, sessions, API keys and reset links someone set on it before the provider vouched for it", async () => {
    // Someone registered the address first, with a password, a key and a pending reset link of their own.
    const squatter = await makeUser();
    const squatterSession = await signedInClient(squatter.email, squatter.password);
    const key = await makeApiKey(squatter.id);
    const inAnHour = new Date(Date.now() + 3_600_000);
    await db().passwordResetToken.create({
      data: { userId: squatter.id, tokenHash: randomUUID(), expiresAt: inAnHour },
    });

    const corporate = provider({ issuer: "https://sso.corp.test", allowLinking: true });
    const claims = {
      iss: corporate.issuer,
      sub: randomUUID(),
      email: squatter.email.toUpperCase(),
      email_verified: true,
    };
    const signedIn = await resolveSsoUser(corporate, claims);
    const stored = await db().user.findUniqueOrThrow({ where: { id: squatter.id } });
    // The person the provider vouches for gets the account, with a session version that the new session carries.
    expect(signedIn).toMatchObject({ id: squatter.id, sessionVersion: stored.sessionVersion });

    expect((await squatterSession.fetch("/api/conversations")).status).toBe(401);
    await expect(signedInClient(squatter.email, squatter.password)).rejects.toThrow(/Sign-in failed/);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).not.toBeNull();
    expect(await db().passwordResetToken.count({ where: { userId: squatter.id, usedAt: null } })).toBe(0);
    const audit = await db().auditLog.findFirst({
      where: { targetId: squatter.id, actorEmail: "Sign-in with Test IdP" },
    });
    expect(audit).toMatchObject({ action: "user.update", after: { passwordReplaced: true, apiKeysRevoked: 1 } });
    // The address is told why its password no longer works, and by which provider.
    const notice = textOf((await mail.waitForMailTo(squatter.email)).raw);
    expect(notice).toContain("Subject: Test IdP now signs in to your Parley account");
    expect(notice).toContain("Its password no longer works");

    // Later sign-ins find the identity: nothing is ended again.
    expect(await resolveSsoUser(corporate, claims)).toMatchObject({
      id: squatter.id,
      sessionVersion: stored.sessionVersion,
    });
  });
});

describe("a reset link", () => {
  /** What the owner of the address does: sets a password through a link mailed to it. */
  async function recoverByResetLink(userId: string, password: string): Promise<void> {
    const link = await createResetLink(userId, null);
    await resetPassword({ token: link?.url.split("/reset-password/")[1] ?? "", password });
  }

  it("unlinks an identity that signed up with an address its provider never vouched for", async () => {
    // Someone whose provider lets them claim any address signs up with the address of a person not yet registered.
    const corporate = provider({ issuer: "https://sso.loose.test" });
    const claims = { iss: corporate.issuer, sub: randomUUID(), email: uniqueEmail("victim"), email_verified: false };
    const squatted = await resolveSsoUser(corporate, claims);
    if (typeof squatted === "string") throw new Error(`The sign-up was refused: ${squatted}`);

    // The address's owner cannot register it, so recovers it with "Forgot password?"; then uses it.
    await recoverByResetLink(squatted.id, "the owner's password");
    const owner = await signedInClient(claims.email, "the owner's password");
    expect((await owner.fetch("/api/conversations")).status).toBe(200);

    // The provider's account no longer signs in to it: the address is taken, and its email unverified.
    expect(await resolveSsoUser(corporate, claims)).toBe("SsoLinkRequired");
    expect(await db().userIdentity.count({ where: { userId: squatted.id } })).toBe(0);
  });

  it("keeps the identities of providers that vouched for the account's email", async () => {
    const corporate = provider({ issuer: "https://sso.strict.test" });
    const claims = { iss: corporate.issuer, sub: randomUUID(), email: uniqueEmail("sso"), email_verified: true };
    const signedUp = await resolveSsoUser(corporate, claims);
    if (typeof signedUp === "string") throw new Error(`The sign-up was refused: ${signedUp}`);
    // An account made by single sign-on sets its first password by a link (Settings offers one).
    await recoverByResetLink(signedUp.id, "a password of my own");
    expect(await resolveSsoUser(corporate, claims)).toMatchObject({ id: signedUp.id });
  });

  it("unlinks an identity linked from the Settings of an account whose email its provider did not vouch for", async () => {
    // Someone registered another person's address with a password, then linked their own provider account to it.
    const squatter = await makeUser();
    const personal = provider({ issuer: "https://sso.personal.test" });
    const claims = { iss: personal.issuer, sub: randomUUID(), email: uniqueEmail("other"), email_verified: true };
    expect(await resolveSsoUser(personal, claims, squatter.id)).toMatchObject({ id: squatter.id });
    // A new way in is told to the account's address, as a new password would be.
    expect(textOf((await mail.waitForMailTo(squatter.email)).raw)).toContain("was linked to your account");

    await recoverByResetLink(squatter.id, "the owner's password");
    expect(await resolveSsoUser(personal, claims)).not.toMatchObject({ id: squatter.id });
  });

  it("unlinks an identity whose provider vouched for an address the account has since moved away from", async () => {
    // Someone links their provider, which vouches for their own address, then moves the account to another person's.
    const mover = await makeUser();
    const personal = provider({ issuer: "https://sso.mover.test" });
    const claims = { iss: personal.issuer, sub: randomUUID(), email: mover.email, email_verified: true };
    expect(await resolveSsoUser(personal, claims, mover.id)).toMatchObject({ id: mover.id });
    const client = await signedInClient(mover.email, mover.password);
    const victim = uniqueEmail("victim");
    const moved = await client.json("/api/account", { email: victim, currentPassword: mover.password }, "PATCH");
    expect(moved.status).toBe(200);

    await recoverByResetLink(mover.id, "the owner's password");
    expect(await db().userIdentity.count({ where: { userId: mover.id } })).toBe(0);
  });
});
