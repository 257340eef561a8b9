// Conversations. Every query takes a where-scope from lib/access, so a caller only ever reaches what it may.

import { DEFAULT_TITLE } from "../conversations/untitled";
import { AppError } from "../errors";
import type { ReasoningEffort } from "../models/compatibility";
import { db, Prisma } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";

const summaryFields = { id: true, title: true, modelId: true, updatedAt: true, pinnedAt: true } as const;
const listFields = { id: true, title: true, updatedAt: true, pinnedAt: true } as const;
export type ConversationListItem = Prisma.ConversationGetPayload<{ select: typeof listFields }>;
export type ConversationSummary = Prisma.ConversationGetPayload<{ select: typeof summaryFields }>;

const PAGE_SIZE = 30;
// Pinning is for a handful of conversations: setPinned refuses more, and the first page lists them all.
export const MAX_PINNED = 100;

/**
 * One page of the unpinned conversations, newest first, leaving out those with no message yet (a new chat whose
 * first message was refused is not something to find again); the first page also carries the pinned ones, which
 * the list shows on top, most recently pinned first. Raw SQL, one statement: the sidebar asks for this on every
 * change, and among thousands of conversations a compiled query is most of its time.
 */
export async function listConversations(
  scope: Prisma.Sql,
  cursor: string | undefined,
): Promise<{ pinned?: ConversationListItem[]; items: ConversationListItem[]; nextCursor: string | null }> {
  const position = cursor ? decodeCursor(cursor) : null;
  if (cursor && !position) throw new AppError("invalid_input", "Invalid cursor.");
  const after = position
    ? Prisma.sql`AND (c."updatedAt", c.id) < (${position.at.toISOString()}::timestamp, ${position.id})`
    : Prisma.empty;
  const rows = await db().$queryRaw<ConversationListItem[]>`
    (SELECT c.id, c.title, c."updatedAt", c."pinnedAt" FROM "Conversation" c
      WHERE ${scope} AND c."pinnedAt" IS NULL AND c."currentLeafId" IS NOT NULL ${after}
      ORDER BY c."updatedAt" DESC, c.id DESC LIMIT ${PAGE_SIZE + 1})
    UNION ALL
    (SELECT c.id, c.title, c."updatedAt", c."pinnedAt" FROM "Conversation" c
      WHERE ${scope} AND c."pinnedAt" IS NOT NULL AND ${position === null}
      ORDER BY c."pinnedAt" DESC, c.id DESC)`;
  const unpinned = rows.filter((row) => row.pinnedAt === null);
  const items = unpinned.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  const nextCursor = unpinned.length > PAGE_SIZE && last ? encodeCursor({ at: last.updatedAt, id: last.id }) : null;
  return position ? { items, nextCursor } : { pinned: rows.filter((row) => row.pinnedAt !== null), items, nextCursor };
}

export async function createConversation(input: {
  ownerId: string;
  title?: string;
  modelId: string;
  systemPrompt?: string | null;
}): Promise<ConversationSummary> {
  const { ownerId, modelId, systemPrompt } = input;
  return db().conversation.create({
    data: { ownerId, modelId, systemPrompt, title: input.title ?? DEFAULT_TITLE },
    select: summaryFields,
  });
}

export async function getConversation(scope: Prisma.ConversationWhereInput, id: string) {
  return db().conversation.findFirst({
    where: { AND: [scope, { id }] },
    select: {
      ...summaryFields,
      teamId: true,
      currentLeafId: true,
      systemPrompt: true,
      temperature: true,
      topP: true,
      maxTokens: true,
      reasoningEffort: true,
    },
  });
}

export async function getConversationOrThrow(scope: Prisma.ConversationWhereInput, id: string) {
  const conversation = await getConversation(scope, id);
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

export type ConversationChanges = {
  title?: string;
  modelId?: string;
  systemPrompt?: string | null;
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
  reasoningEffort?: ReasoningEffort | null;
};

export async function updateConversation(
  scope: Prisma.ConversationWhereInput,
  id: string,
  changes: ConversationChanges,
) {
  // No changes, no write: an update would still move updatedAt (a pin alone must not reorder the list).
  if (Object.values(changes).some((value) => value !== undefined)) {
    const { count } = await db().conversation.updateMany({ where: { AND: [scope, { id }] }, data: changes });
    if (count === 0) throw new AppError("not_found", "Conversation not found.");
  }
  const { currentLeafId: _leaf, ...conversation } = await getConversationOrThrow(scope, id);
  return conversation;
}

/**
 * Pins or unpins without touching updatedAt: pinning is not activity, and unpinning puts it back where it was. An
 * owner pins at most MAX_PINNED conversations (a restored one may come back pinned above that; the list shows all).
 */
export async function setPinned(scope: Prisma.Sql, ownerId: string, id: string, isPinned: boolean): Promise<void> {
  const count = await db().$transaction(async (tx) => {
    // An owner's pins queue here, so that two at once cannot both pass the cap (the count below sees the other's).
    if (isPinned) await tx.$queryRaw`SELECT 1 FROM "User" WHERE id = ${ownerId} FOR NO KEY UPDATE`;
    return tx.$executeRaw`
      UPDATE "Conversation" c SET "pinnedAt" = CASE WHEN ${isPinned} THEN now() ELSE NULL END
       WHERE c.id = ${id} AND ${scope}
         AND (NOT ${isPinned} OR c."pinnedAt" IS NOT NULL OR (
           SELECT count(*) FROM "Conversation" p
            WHERE p."ownerId" = c."ownerId" AND p."deletedAt" IS NULL AND p."pinnedAt" IS NOT NULL) < ${MAX_PINNED})`;
  });
  if (count > 0) return;
  const [found] = await db().$queryRaw<unknown[]>`SELECT 1 FROM "Conversation" c WHERE c.id = ${id} AND ${scope}`;
  if (!found) throw new AppError("not_found", "Conversation not found.");
  throw new AppError("too_many_pins", `You can pin up to ${MAX_PINNED} conversations. Unpin one first.`);
}

/** Undoes a soft delete; the scope decides how long after deleting that is still possible. */
export async function restoreConversation(scope: Prisma.Sql, id: string): Promise<ConversationListItem> {
  const [row] = await db().$queryRaw<ConversationListItem[]>`
    UPDATE "Conversation" c SET "deletedAt" = NULL WHERE c.id = ${id} AND ${scope}
    RETURNING c.id, c.title, c."updatedAt", c."pinnedAt"`;
  if (!row) throw new AppError("not_found", "Conversation not found.");
  return row;
}

// Raw SQL here and in restoreConversation: Prisma would bump updatedAt, and an undone delete should put the
// conversation back where it was in the list.
// Deleting revokes the conversation's share links for good: an undone delete brings the conversation back, not
// links its owner may have counted on being dead.
export async function softDeleteConversation(scope: Prisma.Sql, id: string): Promise<void> {
  const count = await db().$transaction(async (tx) => {
    const deleted =
      await tx.$executeRaw`UPDATE "Conversation" c SET "deletedAt" = now() WHERE c.id = ${id} AND ${scope}`;
    if (deleted > 0) {
      await tx.$executeRaw`UPDATE "ShareLink" SET "revokedAt" = now() WHERE "conversationId" = ${id} AND "revokedAt" IS NULL`;
    }
    return deleted;
  });
  if (count === 0) throw new AppError("not_found", "Conversation not found.");
}

/**
 * Replaces the provisional title, unless the user renamed the conversation meanwhile; false then (nothing
 * changed).
 */
export async function setGeneratedTitle(id: string, provisionalTitle: string, title: string): Promise<boolean> {
  const { count } = await db().conversation.updateMany({ where: { id, title: provisionalTitle }, data: { title } });
  return count > 0;
}

/** Which of these conversations the scope reaches. */
export async function listConversationIds(scope: Prisma.ConversationWhereInput, ids: string[]): Promise<string[]> {
  const rows = await db().conversation.findMany({ where: { AND: [scope, { id: { in: ids } }] }, select: { id: true } });
  return rows.map((row) => row.id);
}

/**
 * Conversations deleted before `deletedBefore` (past Undo), gone for good: their messages, files (and so their bytes,
 * once no other file shares them) and share links go with them by the foreign keys' cascades; the usage ledger keeps
 * its rows, without the message. At most `limit` a call, oldest first, so that one call stays short; rows another
 * process is purging are skipped.
 */
export async function purgeDeletedConversations(deletedBefore: Date, limit: number): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "Conversation" c
     WHERE c.id IN (SELECT id FROM "Conversation" WHERE "deletedAt" < ${deletedBefore}
                     ORDER BY "deletedAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
}

/**
 * Removes conversations that never got a message and were left untouched since `idleSince`: a new chat whose first
 * message was refused, or one made through the API and never used. Nobody lists them (listConversations) and only
 * their address reaches them. A first message arriving meanwhile sets the conversation's leaf in the statement that
 * writes it, so the deletion, which checks the row again after waiting for that write, leaves it.
 */
export async function deleteEmptyConversations(idleSince: Date): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "Conversation" c
     WHERE c."currentLeafId" IS NULL AND c."updatedAt" < ${idleSince}
       AND NOT EXISTS (SELECT 1 FROM "Message" m WHERE m."conversationId" = c.id)`;
}
