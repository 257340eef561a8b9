// Which models a user may chat with (docs/architecture.md, "The access model": everyone or listed teams). A model
// outside these clauses is answered as not found, or as model_unavailable for a conversation already on it.
import { Prisma } from "../db/client";
import { requireId } from "./require-id";

/** Enabled models visible to everyone, or listed for a team the user is a member of. */
export function usableModelsWhere(userId: string): Prisma.ModelWhereInput {
  requireId(userId);
  return {
    enabled: true,
    OR: [{ visibleToEveryone: true }, { teams: { some: { team: { memberships: { some: { userId } } } } } }],
  };
}

/**
 * The models a conversation may run on: in a team conversation, those visible to everyone or listed for THAT
 * team (whoever posts), so that sharing a conversation never reaches a model meant for another team.
 */
export function conversationModelsWhere(userId: string, teamId: string | null): Prisma.ModelWhereInput {
  requireId(userId);
  if (teamId === null) return usableModelsWhere(userId);
  requireId(teamId, "team id");
  return { enabled: true, OR: [{ visibleToEveryone: true }, { teams: { some: { teamId } } }] };
}

/**
 * The rule of conversationModelsWhere as SQL over a model `m` of a conversation `c`, for the one raw query on the
 * path to the first token: it adds no round trip.
 */
export function conversationModelsSql(userId: string): Prisma.Sql {
  requireId(userId);
  return Prisma.sql`m.enabled AND (m."visibleToEveryone" OR CASE WHEN c."teamId" IS NOT NULL
    THEN EXISTS (SELECT 1 FROM "ModelTeam" mt WHERE mt."modelId" = m.id AND mt."teamId" = c."teamId")
    ELSE EXISTS (SELECT 1 FROM "ModelTeam" mt JOIN "Membership" ms ON ms."teamId" = mt."teamId"
                  WHERE mt."modelId" = m.id AND ms."userId" = ${userId}) END)`;
}

/**
 * The rule of usableModelsWhere as SQL over a model `m`, for the user `k."userId"`: the owner of the API key in the
 * /v1 call's one statement (lib/db/api-call-context.ts), read by that same statement. A constant rather than a
 * function of an id: the id is never a parameter here, so a missing one cannot widen it (a null matches no team).
 */
export const apiCallerModelsSql = Prisma.sql`m.enabled AND (m."visibleToEveryone" OR EXISTS (SELECT 1 FROM "ModelTeam" mt
  JOIN "Membership" ms ON ms."teamId" = mt."teamId" WHERE mt."modelId" = m.id AND ms."userId" = k."userId"))`;

/** Any enabled model, for background work on a model a turn already passed the rules above with (titles). */
export function enabledModelsWhere(): Prisma.ModelWhereInput {
  return { enabled: true };
}
