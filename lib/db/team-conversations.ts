// A conversation's place in a team: who may see it beyond its owner, and who is asking.
import { db, Prisma, type TeamRole } from "./client";
import { compareNames } from "./name-order";

/** The caller's role in a team, or null when they are not a member. */
export async function getMembershipRole(teamId: string, userId: string): Promise<TeamRole | null> {
  const membership = await db().membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Who the conversation belongs to and where it is shared. */
export async function getConversationSharing(id: string) {
  const row = await db().conversation.findUnique({
    where: { id },
    select: {
      owner: { select: { name: true } },
      team: { select: { id: true, name: true } },
    },
  });
  if (!row) return null;
  return { ownerName: row.owner?.name ?? null, team: row.team };
}

/**
 * Which of the scopes (SQL over `c`, by name) reach the conversation, in one round trip: what the caller may do,
 * decided by the same SQL the writes apply.
 */
export async function matchConversationScopes<Name extends string>(
  id: string,
  scopes: Record<Name, Prisma.Sql>,
): Promise<Record<Name, boolean>> {
  const names = Object.keys(scopes) as Name[];
  // The names are the callers' own constants, never input: safe as column aliases.
  const columns = names.map(
    (name) =>
      Prisma.sql`EXISTS (SELECT 1 FROM "Conversation" c WHERE c.id = ${id} AND ${scopes[name]}) AS ${Prisma.raw(`"${name}"`)}`,
  );
  const [row] = await db().$queryRaw<Record<Name, boolean>[]>`SELECT ${Prisma.join(columns)}`;
  return Object.fromEntries(names.map((name) => [name, row?.[name] === true])) as Record<Name, boolean>;
}

/**
 * Shares the conversation with a team, or (null) makes it private again, if the scope (over `c`) reaches it;
 * visibility follows teamId in the same write. Raw SQL: Prisma would bump updatedAt, and sharing is not activity
 * that should reorder lists. Taking an owner-less conversation (its owner's account deleted) out of its team leaves
 * it nobody's: it is deleted. Returns whether it changed.
 */
export async function setConversationTeam(scope: Prisma.Sql, id: string, teamId: string | null): Promise<boolean> {
  const count = await db().$executeRaw`
    UPDATE "Conversation" c
       SET "teamId" = ${teamId},
           visibility = (CASE WHEN ${teamId}::text IS NULL THEN 'PRIVATE' ELSE 'TEAM' END)::"Visibility",
           "deletedAt" = CASE WHEN ${teamId}::text IS NULL AND c."ownerId" IS NULL THEN now() ELSE c."deletedAt" END
     WHERE c.id = ${id} AND ${scope}`;
  return count > 0;
}

/** The teams the scope reaches (for sharing: those where the caller writes), by name. */
export async function listShareableTeams(scope: Prisma.TeamWhereInput): Promise<{ id: string; name: string }[]> {
  const teams = await db().team.findMany({ where: scope, select: { id: true, name: true }, orderBy: { id: "asc" } });
  return teams.sort((a, b) => compareNames(a.name, b.name));
}

export async function getTeamName(teamId: string): Promise<string | null> {
  const team = await db().team.findUnique({ where: { id: teamId }, select: { name: true } });
  return team?.name ?? null;
}

export async function listMemberIds(teamId: string): Promise<string[]> {
  const rows = await db().membership.findMany({ where: { teamId }, select: { userId: true } });
  return rows.map((row) => row.userId);
}

/** Every team, for the admin's model visibility picker. */
export async function listAllTeams(): Promise<{ id: string; name: string; memberCount: number }[]> {
  const teams = await db().team.findMany({
    select: { id: true, name: true, _count: { select: { memberships: true } } },
    orderBy: { id: "asc" },
  });
  return teams
    .sort((a, b) => compareNames(a.name, b.name))
    .map((team) => ({ id: team.id, name: team.name, memberCount: team._count.memberships }));
}
