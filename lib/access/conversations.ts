// Who may see and continue which conversation, as where-clauses that every conversation query includes.
// Today a conversation belongs to its owner alone; teams extend these clauses, not the queries.
import { Prisma } from "../db/client";

export function readableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  return { ownerId: userId, deletedAt: null };
}

/** The caller's own conversations, for exporting their data: never another user's, even one they may read. */
export function ownConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  return { ownerId: userId, deletedAt: null };
}

export function writableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  return { ownerId: userId, deletedAt: null };
}

/** The same rule as SQL over a conversation aliased `c`, for the raw queries on the path to the first token. */
export function writableConversationsSql(userId: string): Prisma.Sql {
  return Prisma.sql`c."ownerId" = ${userId} AND c."deletedAt" IS NULL`;
}

/** The rule of readableConversationsWhere as SQL over a conversation aliased `c`, for raw queries (search). */
export function readableConversationsSql(userId: string): Prisma.Sql {
  return Prisma.sql`c."ownerId" = ${userId} AND c."deletedAt" IS NULL`;
}

/**
 * What the owner may bring back with "undo", as SQL over `c`: their own conversations deleted since `deletedSince`,
 * and those not deleted at all (restoring one of those changes nothing).
 */
export function restorableConversationsSql(userId: string, deletedSince: Date): Prisma.Sql {
  return Prisma.sql`c."ownerId" = ${userId} AND (c."deletedAt" IS NULL OR c."deletedAt" >= ${deletedSince.toISOString()}::timestamp)`;
}
