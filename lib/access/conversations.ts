// Who may see and continue which conversation, as where-clauses that every conversation query includes.
// Today a conversation belongs to its owner alone; teams extend these clauses, not the queries.
import type { Prisma } from "../db/client";

export function readableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  return { ownerId: userId, deletedAt: null };
}

export function writableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  return { ownerId: userId, deletedAt: null };
}
