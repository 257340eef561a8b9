// Personal API keys (ApiKey): only the secret's SHA-256 is stored. Owners see and revoke their own keys; admins
// see and revoke any (audited). A key authenticates while unrevoked, unexpired, and its user ACTIVE.
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, Prisma } from "./client";

const keyFields = {
  id: true,
  name: true,
  prefix: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
} as const;

export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

export type ApiKeyOwner = { keyId: string; userId: string; email: string; name: string; role: "ADMIN" | "USER" };

export async function insertApiKey(input: {
  userId: string;
  name: string;
  prefix: string;
  secretHash: string;
  expiresAt: Date | null;
}): Promise<ApiKeyView> {
  return db().apiKey.create({ data: input, select: keyFields });
}

export async function listApiKeysOfUser(userId: string): Promise<ApiKeyView[]> {
  return db().apiKey.findMany({ where: { userId }, select: keyFields, orderBy: { createdAt: "desc" }, take: 200 });
}

export async function listAllApiKeys(): Promise<
  (ApiKeyView & { user: { id: string; email: string; name: string } })[]
> {
  return db().apiKey.findMany({
    select: { ...keyFields, user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
}

/** The owner's own key only (the owner in the where); false when there is no such key of theirs. */
export async function revokeOwnApiKey(userId: string, id: string): Promise<boolean> {
  const { count } = await db().apiKey.updateMany({
    where: { id, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) return true;
  return (await db().apiKey.count({ where: { id, userId } })) > 0;
}

/** Any key, with its audit entry in the same transaction; false when the key does not exist. */
export async function revokeApiKeyAsAdmin(actor: AuditActor, id: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({
      where: { id },
      select: { name: true, prefix: true, revokedAt: true, userId: true },
    });
    if (!key) return false;
    if (key.revokedAt) return true;
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    await writeAuditEntry(tx, actor, {
      action: "apiKey.revoke",
      targetType: "apiKey",
      targetId: id,
      before: { name: key.name, prefix: key.prefix, userId: key.userId, revoked: false },
      after: { revoked: true },
    });
    return true;
  });
}

/**
 * The CTEs `usable` (the key's owner when the key may be used now: keyId, userId, email, name, role) and `touched`
 * (its last use stamped, at most once a minute: not a write per request). Expiry and status are read from the
 * database on every call, so a revoked key or a disabled account stops at once. A fragment, shared with the /v1
 * call's one statement (api-call-context.ts).
 */
export function usableApiKeyCtes(secretHash: string): Prisma.Sql {
  return Prisma.sql`
    usable AS (
      SELECT k.id AS "keyId", k."userId", k."lastUsedAt", u.email, u.name, u.role::text AS role
        FROM "ApiKey" k JOIN "User" u ON u.id = k."userId"
       WHERE k."secretHash" = ${secretHash} AND k."revokedAt" IS NULL AND u.status = 'ACTIVE'
         AND (k."expiresAt" IS NULL OR k."expiresAt" > (now() AT TIME ZONE 'UTC'))
    ),
    touched AS (
      UPDATE "ApiKey" SET "lastUsedAt" = now() AT TIME ZONE 'UTC'
       WHERE id = (SELECT "keyId" FROM usable)
         AND ("lastUsedAt" IS NULL OR "lastUsedAt" < (now() AT TIME ZONE 'UTC') - interval '1 minute')
    )`;
}

/** The key's owner when the key may be used now, in one statement that also stamps its last use. */
export async function findUsableApiKey(secretHash: string): Promise<ApiKeyOwner | null> {
  const [row] = await db().$queryRaw<ApiKeyOwner[]>`
    WITH ${usableApiKeyCtes(secretHash)}
    SELECT "keyId", "userId", email, name, role FROM usable`;
  return row ?? null;
}

/** Why a key may not be used, for its refusal's words. */
export type UnusableKeyReason = "revoked" | "expired" | "account_disabled";

/**
 * Why the key of this hash may not be used; null when there is no such key (never made, or gone with its account).
 * Read only once a key has been refused: the calls that go through never pay for it.
 */
export async function findUnusableKeyReason(secretHash: string): Promise<UnusableKeyReason | null> {
  const key = await db().apiKey.findUnique({
    where: { secretHash },
    select: { revokedAt: true, expiresAt: true, user: { select: { status: true } } },
  });
  if (!key) return null;
  if (key.revokedAt) return "revoked";
  if (key.user.status !== "ACTIVE") return "account_disabled";
  return key.expiresAt && key.expiresAt <= new Date() ? "expired" : null;
}

/** Every key of the user still working ends now, in the caller's transaction (a password reset, an SSO takeover). */
export async function revokeApiKeysOf(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const { count } = await tx.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}
