// What an SSO sign-in resolves to, on the real database: a token counts only from the issuer configured for its
// provider, and an account joined by its email keeps none of the credentials set before the provider vouched for it.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { linkIdentity, type SsoProviderRow } from "@/lib/db/sso";
import { resolveSsoUser } from "@/lib/sso/sso-sign-in";
import { makeApiKey } from "../support/api-keys";
import { collectConsoleErrors } from "../support/console-errors";
import { makeUser } from "../support/factories";
import { signedInClient } from "../support/session-client";

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
    await linkIdentity(victim.id, "https://github.com", subject);
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

    // Later sign-ins find the identity: nothing is ended again.
    expect(await resolveSsoUser(corporate, claims)).toMatchObject({
      id: squatter.id,
      sessionVersion: stored.sessionVersion,
    });
  });
});
