// Who may see and continue which conversation, as where-clauses that every conversation query includes
// (docs/architecture.md, "The access model"). Three levels, each within the one before:
// - read: the owner, and every member of the team it is shared with;
// - write (post, regenerate, stop, switch branch): the owner, and the team's OWNER and EDITOR members;
// - own (rename, settings, pin, delete, share): the owner alone.
// A caller who may read but not write or own gets 403; one who may not even read gets 404
// (conversation-access.ts).
import { Prisma } from "../db/client";
import { requireId } from "./require-id";
import { WRITING_ROLES } from "./teams";

// The writing roles as SQL: constants, written into the statement so that it stays one plan.
const WRITING_ROLES_SQL = Prisma.raw(WRITING_ROLES.map((role) => `'${role}'`).join(", "));

export function readableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  requireId(userId);
  return { deletedAt: null, OR: [{ ownerId: userId }, { team: { memberships: { some: { userId } } } }] };
}

export function writableConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  requireId(userId);
  return {
    deletedAt: null,
    OR: [{ ownerId: userId }, { team: { memberships: { some: { userId, role: { in: WRITING_ROLES } } } } }],
  };
}

/** The caller's own conversations: what they manage, list in their sidebar and export as their data. */
export function ownConversationsWhere(userId: string): Prisma.ConversationWhereInput {
  requireId(userId);
  return { ownerId: userId, deletedAt: null };
}

/** The rule of readableConversationsWhere as SQL over a conversation aliased `c`, for raw queries. */
export function readableConversationsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."deletedAt" IS NULL AND (c."ownerId" = ${userId} OR EXISTS (
    SELECT 1 FROM "Membership" ms WHERE ms."teamId" = c."teamId" AND ms."userId" = ${userId}))`;
}

/**
 * What the caller reads without owning, as SQL over `c`: the conversations other members shared with the caller's
 * teams (readableConversationsSql less their own). The sidebar's "Shared with me". Starting from the caller's
 * memberships lets PostgreSQL use the (teamId, updatedAt) index instead of scanning every conversation.
 */
export function sharedWithMeConversationsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."deletedAt" IS NULL AND c."ownerId" IS DISTINCT FROM ${userId}
    AND c."teamId" IN (SELECT ms."teamId" FROM "Membership" ms WHERE ms."userId" = ${userId})`;
}

/** The rule of writableConversationsWhere as SQL over `c`, for the raw queries on the path to the first token. */
export function writableConversationsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."deletedAt" IS NULL AND (c."ownerId" = ${userId} OR EXISTS (
    SELECT 1 FROM "Membership" ms WHERE ms."teamId" = c."teamId" AND ms."userId" = ${userId}
       AND ms.role IN (${WRITING_ROLES_SQL})))`;
}

/** The rule of ownConversationsWhere as SQL over `c`. */
export function ownConversationsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."ownerId" = ${userId} AND c."deletedAt" IS NULL`;
}

/** What the caller may share with `teamId`, as SQL over `c`: their own conversations, if they write in that team. */
export function shareableConversationsSql(userId: string, teamId: string): Prisma.Sql {
  requireId(userId);
  requireId(teamId, "team id");
  return Prisma.sql`${ownConversationsSql(userId)} AND EXISTS (
    SELECT 1 FROM "Membership" ms WHERE ms."teamId" = ${teamId} AND ms."userId" = ${userId}
       AND ms.role IN (${WRITING_ROLES_SQL}))`;
}

/** What the caller may take out of its team, as SQL over `c`: their own conversations, and those of teams they own. */
export function unshareableConversationsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."deletedAt" IS NULL AND (c."ownerId" = ${userId} OR EXISTS (
    SELECT 1 FROM "Membership" ms WHERE ms."teamId" = c."teamId" AND ms."userId" = ${userId} AND ms.role = 'OWNER'))`;
}

/** The conversations of one team that the caller may read: none unless they are a member. */
export function teamConversationsSql(userId: string, teamId: string): Prisma.Sql {
  requireId(userId);
  requireId(teamId, "team id");
  return Prisma.sql`c."teamId" = ${teamId} AND c."deletedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "Membership" ms WHERE ms."teamId" = ${teamId} AND ms."userId" = ${userId})`;
}

/**
 * What the owner may bring back with "undo", as SQL over `c`: their own conversations deleted since `deletedSince`,
 * and those not deleted at all (restoring one of those changes nothing).
 */
export function restorableConversationsSql(userId: string, deletedSince: Date): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`c."ownerId" = ${userId} AND (c."deletedAt" IS NULL OR c."deletedAt" >= ${deletedSince.toISOString()}::timestamp)`;
}
