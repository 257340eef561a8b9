// The audit log of admin actions. Entries are written inside the transaction of the change they describe, so
// that no change goes unrecorded and no entry describes a change that was rolled back.
import { nameAuditEntries } from "./audit-names";
import { db, type Prisma } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import { literalLikeText } from "./literal-text";

export const auditActions = [
  "provider.create",
  "provider.update",
  "provider.delete",
  "model.create",
  "model.update",
  "model.delete",
  "user.update",
  "user.delete",
  "user.reset_link",
  "settings.update",
  "apiKey.revoke",
  "usageLimit.update",
  "modelPrice.update",
] as const;
export type AuditAction = (typeof auditActions)[number];

// id null: Parley itself (PARLEY_ACTOR), or an admin whose account is gone.
export type AuditActor = { id: string | null; email: string };

/** The actor of the changes Parley makes on its own, such as a model's request shape after a refusal. */
export const PARLEY_ACTOR: AuditActor = { id: null, email: "Parley (automatic)" };

export type AuditEntry = {
  action: AuditAction;
  targetType: "provider" | "model" | "user" | "setting" | "apiKey" | "usageLimit";
  targetId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

export async function writeAuditEntry(tx: Prisma.TransactionClient, actor: AuditActor, entry: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
  });
}

export type AuditFilter = { actor?: string; action?: AuditAction; from?: Date; to?: Date };

const PAGE_SIZE = 50;

/**
 * Newest first, 50 a page, each entry with the names of its actor and target; `actor` matches part of the acting
 * admin's email. Null for a cursor that is not one.
 */
export async function listAuditEntries(filter: AuditFilter, cursor: string | undefined) {
  const position = cursor ? decodeCursor(cursor) : undefined;
  if (position === null) return null;
  const where: Prisma.AuditLogWhereInput = {
    actorEmail: filter.actor ? { contains: literalLikeText(filter.actor), mode: "insensitive" } : undefined,
    action: filter.action,
    createdAt: { gte: filter.from, lt: filter.to },
    OR: position
      ? [{ createdAt: { lt: position.at } }, { createdAt: position.at, id: { lt: position.id } }]
      : undefined,
  };
  const rows = await db().auditLog.findMany({
    where,
    select: {
      id: true,
      actorId: true,
      actorEmail: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      createdAt: true,
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  return {
    items: await nameAuditEntries(items),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last.id }) : null,
  };
}
