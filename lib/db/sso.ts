// Single sign-on: the OpenID providers admins configure, and the identities (issuer, subject) people sign in with.
import { isDeepStrictEqual } from "node:util";
import { revokeApiKeysOf } from "./api-keys";
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, type Prisma } from "./client";
import { assertExpectedVersion } from "./edit-versions";
import { expireResetTokensOf } from "./password-resets";

const providerFields = {
  id: true,
  slug: true,
  label: true,
  issuer: true,
  clientId: true,
  scopes: true,
  allowLinking: true,
  allowedDomains: true,
  groupsClaim: true,
  adminGroup: true,
  teamMappings: true,
  version: true,
} as const;
export type SsoProviderRow = Prisma.SsoProviderGetPayload<{ select: typeof providerFields }>;

export async function listSsoProviders(): Promise<SsoProviderRow[]> {
  return db().ssoProvider.findMany({ select: providerFields, orderBy: { createdAt: "asc" } });
}

/** With the sealed client secret: for next-auth's provider list only. */
export async function listSsoProvidersWithSecrets() {
  return db().ssoProvider.findMany({
    select: { ...providerFields, clientSecretEncrypted: true },
    orderBy: { createdAt: "asc" },
  });
}

export async function getSsoProviderBySlug(slug: string): Promise<SsoProviderRow | null> {
  return db().ssoProvider.findUnique({ where: { slug }, select: providerFields });
}

export type NewSsoProvider = Omit<SsoProviderRow, "id" | "teamMappings" | "version"> & {
  clientSecretEncrypted: string;
  teamMappings: Prisma.InputJsonValue | undefined;
};

export async function createSsoProvider(actor: AuditActor, data: NewSsoProvider): Promise<SsoProviderRow> {
  return db().$transaction(async (tx) => {
    const created = await tx.ssoProvider.create({ data, select: providerFields });
    await writeAuditEntry(tx, actor, {
      action: "settings.update",
      targetType: "setting",
      targetId: `sso:${created.slug}`,
      after: { issuer: created.issuer, clientId: created.clientId, label: created.label },
    });
    return created;
  });
}

/** Creates the provider, or updates the one with its short name (SSO_PROVIDERS at start). */
export async function upsertSsoProvider(actor: AuditActor, data: NewSsoProvider): Promise<void> {
  await db().$transaction(async (tx) => {
    const saved = await tx.ssoProvider.upsert({
      where: { slug: data.slug },
      create: data,
      update: { ...data, version: { increment: 1 } },
      select: providerFields,
    });
    await writeAuditEntry(tx, actor, {
      action: "settings.update",
      targetType: "setting",
      targetId: `sso:${saved.slug}`,
      after: { issuer: saved.issuer, clientId: saved.clientId, label: saved.label },
    });
  });
}

export type SsoProviderChanges = Partial<Omit<NewSsoProvider, "slug" | "issuer">>;

const STALE_SSO_PROVIDER_MESSAGE =
  "This sign-in provider was changed by someone else since you opened it. Reload to see the changes, then edit again.";

/**
 * The settings in `visible` that differ from the provider's. Team mappings saved as none are null or [] depending on
 * how the provider was added: both mean none (lib/sso/claim-mapping.ts).
 */
function changedKeys(found: SsoProviderRow, visible: Omit<SsoProviderChanges, "clientSecretEncrypted">) {
  const keys = Object.keys(visible) as (keyof typeof visible)[];
  return keys.filter((key) => {
    const before = key === "teamMappings" ? (found.teamMappings ?? []) : found[key];
    return visible[key] !== undefined && !isDeepStrictEqual(before, visible[key]);
  });
}

/**
 * Null when there is no such provider. A change raises the version and writes an audit entry of what changed (never
 * the secret); an unchanged provider is left as it is. With `expectedVersion` (the version an admin's form was
 * loaded from), a provider changed since is left as it is and the change refused.
 */
export async function updateSsoProvider(
  actor: AuditActor,
  id: string,
  changes: SsoProviderChanges,
  expectedVersion?: number,
): Promise<SsoProviderRow | null> {
  return db().$transaction(async (tx) => {
    // Locked first: of two changes at once, the second is checked against the provider as the first left it.
    await tx.$queryRaw`SELECT id FROM "SsoProvider" WHERE id = ${id} FOR UPDATE`;
    const found = await tx.ssoProvider.findUnique({ where: { id }, select: providerFields });
    if (!found) return null;
    assertExpectedVersion(found.version, expectedVersion, STALE_SSO_PROVIDER_MESSAGE);
    const { clientSecretEncrypted, ...visible } = changes;
    const keys = changedKeys(found, visible);
    // A new secret is always a change: sealed afresh, there is nothing to compare it with.
    if (keys.length === 0 && !clientSecretEncrypted) return found;
    const updated = await tx.ssoProvider.update({
      where: { id },
      data: { ...changes, version: { increment: 1 } },
      select: providerFields,
    });
    await writeAuditEntry(tx, actor, {
      action: "settings.update",
      targetType: "setting",
      targetId: `sso:${found.slug}`,
      before: Object.fromEntries(keys.map((key) => [key, found[key] ?? null])),
      after: {
        ...Object.fromEntries(keys.map((key) => [key, updated[key] ?? null])),
        ...(clientSecretEncrypted ? { clientSecret: "replaced" } : {}),
      },
    });
    return updated;
  });
}

export async function deleteSsoProvider(actor: AuditActor, id: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const found = await tx.ssoProvider.findUnique({ where: { id }, select: providerFields });
    if (!found) return false;
    await tx.ssoProvider.delete({ where: { id } });
    await writeAuditEntry(tx, actor, {
      action: "settings.update",
      targetType: "setting",
      targetId: `sso:${found.slug}`,
      before: { issuer: found.issuer, clientId: found.clientId, label: found.label },
    });
    return true;
  });
}

const signInFields = { id: true, email: true, name: true, role: true, status: true, sessionVersion: true } as const;
export type SsoUser = Prisma.UserGetPayload<{ select: typeof signInFields }>;

export async function findUserByIdentity(issuer: string, subject: string): Promise<SsoUser | null> {
  const identity = await db().userIdentity.findUnique({
    where: { issuer_subject: { issuer, subject } },
    select: { user: { select: signInFields } },
  });
  return identity?.user ?? null;
}

export async function findUserByEmail(email: string): Promise<SsoUser | null> {
  return db().user.findUnique({ where: { email }, select: signInFields });
}

/** `vouchesForEmail`: the provider said the account's email is verified and its own (see the schema). */
export async function linkIdentity(
  userId: string,
  identity: { issuer: string; subject: string; vouchesForEmail: boolean },
): Promise<void> {
  await db().userIdentity.create({ data: { userId, ...identity } });
}

/**
 * Joins an identity to the account that holds its email, which the provider says it verified (the admin allowed
 * linking). Parley never verified that address itself, so whoever set the account's credentials may not be the
 * person the provider vouches for (someone may have registered the address first, waiting for it): the account
 * keeps its data but none of its credentials. Its password becomes `unknownPasswordHash` (of a password nobody
 * knows), its sessions end, its API keys are revoked and its reset links end, in one transaction with its audit
 * entry (the actor: the sign-in with the provider).
 */
export async function linkIdentityInPlaceOfCredentials(
  actor: AuditActor,
  userId: string,
  identity: { issuer: string; subject: string },
  unknownPasswordHash: string,
): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.userIdentity.create({ data: { userId, ...identity, vouchesForEmail: true } });
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash: unknownPasswordHash, hasPassword: false, sessionVersion: { increment: 1 } },
    });
    const revokedKeys = await revokeApiKeysOf(tx, userId);
    await expireResetTokensOf(tx, userId);
    await writeAuditEntry(tx, actor, {
      action: "user.update",
      targetType: "user",
      targetId: userId,
      after: {
        linkedIssuer: identity.issuer,
        passwordReplaced: true,
        sessionsEnded: true,
        apiKeysRevoked: revokedKeys,
      },
    });
  });
}

export async function getSignInUser(id: string): Promise<SsoUser | null> {
  return db().user.findUnique({ where: { id }, select: signInFields });
}

/** The issuers an account signs in with, for Settings → Account. */
export async function listIdentityIssuers(userId: string): Promise<string[]> {
  const identities = await db().userIdentity.findMany({ where: { userId }, select: { issuer: true } });
  return identities.map((identity) => identity.issuer);
}
