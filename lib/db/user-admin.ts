// Users as admins manage them: list and search, role and status changes, deletion. Each change writes its audit
// entry in the same transaction.
import { AppError } from "../errors";
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

async function getUserForChange(tx: Prisma.TransactionClient, id: string): Promise<AdminUser> {
  const user = await tx.user.findUnique({ where: { id }, select: adminUserFields });
  if (!user) throw new AppError("not_found", "User not found.");
  return user;
}

/** Losing the admin role or being disabled ends every session at once (a bumped session version). */
export async function updateUser(actor: AuditActor, id: string, changes: UserChanges): Promise<AdminUser> {
  return db().$transaction(async (tx) => {
    const before = await getUserForChange(tx, id);
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
 * Returns the ids of the conversations deleted with it (their replies, if any run, are of no use to anyone now).
 */
export async function deleteUser(actor: AuditActor, id: string): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const before = await getUserForChange(tx, id);
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
