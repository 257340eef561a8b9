// Users as admins manage them: list and search, role and status changes, deletion (a person's own too). Each change
// writes its audit entry in the same transaction, and none leaves the install without an active admin.

import { AppError } from "../errors";
import { ADVISORY_LOCKS } from "./advisory-locks";
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, type Prisma, type UserRole, type UserStatus } from "./client";
import { literalLikeText } from "./literal-text";
import { handOverTeamsOf } from "./teams";

const adminUserFields = { id: true, email: true, name: true, role: true, status: true, createdAt: true } as const;
export type AdminUser = Prisma.UserGetPayload<{ select: typeof adminUserFields }>;

const PAGE_SIZE = 100;

/** Oldest first (the first admin on top); `search` matches part of the email or the name. */
export async function listUsers(search: string | undefined): Promise<{ items: AdminUser[]; hasMore: boolean }> {
  const contains = search ? literalLikeText(search) : undefined;
  const where: Prisma.UserWhereInput = contains
    ? { OR: [{ email: { contains, mode: "insensitive" } }, { name: { contains, mode: "insensitive" } }] }
    : {};
  const rows = await db().user.findMany({
    where,
    select: adminUserFields,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: PAGE_SIZE + 1,
  });
  return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE };
}

export type UserChanges = { role?: UserRole; status?: UserStatus };

/**
 * Takes the admins' lock, then reads the user. Two admins demoting, disabling or deleting each other (or themselves)
 * at once would each see the other still an admin and both go ahead; under the lock the second one reads what the
 * first committed (each statement of a READ COMMITTED transaction sees the latest commits).
 */
async function getUserForChange(tx: Prisma.TransactionClient, id: string): Promise<AdminUser> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS.admins})`;
  const user = await tx.user.findUnique({ where: { id }, select: adminUserFields });
  if (!user) throw new AppError("not_found", "User not found.");
  return user;
}

const isActiveAdmin = (user: { role: UserRole; status: UserStatus }) =>
  user.role === "ADMIN" && user.status === "ACTIVE";

/** Refuses a change that takes the last active admin away: nobody could reach the console any more. */
async function assertAnotherActiveAdmin(tx: Prisma.TransactionClient, id: string): Promise<void> {
  const others = await tx.user.count({ where: { role: "ADMIN", status: "ACTIVE", id: { not: id } } });
  if (others === 0) {
    throw new AppError("last_admin", "Parley would have no active admin left. Make someone else an admin first.");
  }
}

/**
 * Losing the admin role or being disabled ends every session at once (a bumped session version). A change that
 * changes nothing writes nothing, not even an audit entry.
 */
export async function updateUser(actor: AuditActor, id: string, changes: UserChanges): Promise<AdminUser> {
  return db().$transaction(async (tx) => {
    const before = await getUserForChange(tx, id);
    const isNoChange =
      (changes.role ?? before.role) === before.role && (changes.status ?? before.status) === before.status;
    if (isNoChange) return before;
    const isAdminLost = isActiveAdmin(before) && !isActiveAdmin({ ...before, ...changes });
    if (isAdminLost) await assertAnotherActiveAdmin(tx, id);
    const endsSessions =
      (changes.role === "USER" && before.role === "ADMIN") ||
      (changes.status === "DISABLED" && before.status !== "DISABLED");
    const after = await tx.user.update({
      where: { id },
      data: { ...changes, sessionVersion: endsSessions ? { increment: 1 } : undefined },
      select: adminUserFields,
    });
    await writeAuditEntry(tx, actor, {
      action: "user.update",
      targetType: "user",
      targetId: id,
      before: { email: before.email, role: before.role, status: before.status },
      after: { email: after.email, role: after.role, status: after.status },
    });
    return after;
  });
}

/**
 * Deletes the account and its private conversations (their messages go with them). Conversations shared with a
 * team stay with the team: the owner reference of those is set to null by the foreign key; the share links the
 * account made are revoked, since nobody would own them any more. Teams it alone owned are handed over first.
 * The last active admin is refused, whoever deletes it (another admin, or the account itself). Returns the ids of
 * the conversations deleted with it (their replies, if any run, are of no use to anyone now).
 */
export async function deleteUser(actor: AuditActor, id: string): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const before = await getUserForChange(tx, id);
    if (isActiveAdmin(before)) await assertAnotherActiveAdmin(tx, id);
    await handOverTeamsOf(tx, id);
    const privateConversations = { ownerId: id, teamId: null };
    const deleted = await tx.conversation.findMany({ where: privateConversations, select: { id: true } });
    const { count } = await tx.conversation.deleteMany({ where: privateConversations });
    await tx.shareLink.updateMany({ where: { createdById: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.user.delete({ where: { id } });
    await writeAuditEntry(tx, actor, {
      action: "user.delete",
      targetType: "user",
      targetId: id,
      before: { email: before.email, name: before.name, role: before.role, status: before.status },
      after: { deletedPrivateConversations: count },
    });
    return deleted.map((conversation) => conversation.id);
  });
}
