// Teams and their members. Every read and write takes a where-scope from lib/access/teams.ts, so a caller only
// reaches the teams they are a member of, and only changes those they may manage.
import { AppError } from "../errors";
import { db, type Prisma, type TeamRole } from "./client";
import { compareNames } from "./name-order";

type Transaction = Prisma.TransactionClient;

/** `email` only in the lists of listMembers(…, true). */
export type TeamMember = { userId: string; name: string; email?: string; role: TeamRole };

export async function createTeamWithOwner(name: string, ownerId: string) {
  return db().team.create({
    data: { name, memberships: { create: { userId: ownerId, role: "OWNER" } } },
    select: { id: true, name: true },
  });
}

/** The caller's teams with their role in each, by name. */
export async function listTeamsOfMember(userId: string) {
  const teams = await db().team.findMany({
    where: { memberships: { some: { userId } } },
    select: {
      id: true,
      name: true,
      memberships: { where: { userId }, select: { role: true } },
      _count: { select: { memberships: true } },
    },
    orderBy: { id: "asc" },
  });
  return teams
    .sort((a, b) => compareNames(a.name, b.name))
    .flatMap(({ id, name, memberships: [mine], _count }) =>
      mine ? [{ id, name, role: mine.role, memberCount: _count.memberships }] : [],
    );
}

/** The team with the caller's role in it, if `scope` reaches it. */
export async function getTeam(scope: Prisma.TeamWhereInput, id: string, userId: string) {
  const team = await db().team.findFirst({
    where: { AND: [scope, { id }] },
    select: { id: true, name: true, memberships: { where: { userId }, select: { role: true } } },
  });
  const role = team?.memberships[0]?.role;
  return team && role ? { id: team.id, name: team.name, role } : null;
}

/**
 * The members in the order they joined (the team's creator first); with their emails only when asked (for the
 * team's owners, who invite and manage them).
 */
export async function listMembers(teamId: string, withEmails: boolean): Promise<TeamMember[]> {
  const memberships = await db().membership.findMany({
    where: { teamId },
    select: { userId: true, role: true, user: { select: { name: true, email: withEmails } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  return memberships.map(({ userId, role, user }) =>
    withEmails ? { userId, role, name: user.name, email: user.email } : { userId, role, name: user.name },
  );
}

export async function renameTeam(scope: Prisma.TeamWhereInput, id: string, name: string): Promise<void> {
  const { count } = await db().team.updateMany({ where: { AND: [scope, { id }] }, data: { name } });
  if (count === 0) throw new AppError("not_found", "Team not found.");
}

/**
 * Deletes the team. Its conversations go back to being private to their owners; those whose owner's account is
 * gone have nobody left to see them and are soft-deleted. Returns who was a member, whose access just changed, and
 * the conversations deleted.
 */
export async function deleteTeam(
  scope: Prisma.TeamWhereInput,
  id: string,
): Promise<{ formerMembers: string[]; deletedConversationIds: string[] }> {
  return db().$transaction(async (tx) => {
    await lockTeam(tx, id);
    const team = await tx.team.findFirst({
      where: { AND: [scope, { id }] },
      select: { memberships: { select: { userId: true } } },
    });
    if (!team) throw new AppError("not_found", "Team not found.");
    const ownerless = { teamId: id, ownerId: null, deletedAt: null };
    const deleted = await tx.conversation.findMany({ where: ownerless, select: { id: true } });
    await tx.conversation.updateMany({ where: ownerless, data: { deletedAt: new Date() } });
    await tx.conversation.updateMany({ where: { teamId: id }, data: { teamId: null, visibility: "PRIVATE" } });
    await tx.team.delete({ where: { id } });
    return {
      formerMembers: team.memberships.map((membership) => membership.userId),
      deletedConversationIds: deleted.map((conversation) => conversation.id),
    };
  });
}

/**
 * Serialises the changes to one team's members, so that "is this the last owner?" and the change are one step:
 * two owners demoting each other at once cannot leave the team without one.
 */
export async function lockTeam(tx: Transaction, teamId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId} FOR UPDATE`;
}

/** With the team locked: the member to change, once the caller's `scope` (checked again under the lock) allows it. */
async function getMembershipForChange(tx: Transaction, scope: Prisma.TeamWhereInput, teamId: string, userId: string) {
  await lockTeam(tx, teamId);
  if ((await tx.team.count({ where: { AND: [scope, { id: teamId }] } })) === 0) {
    throw new AppError("not_found", "Team not found.");
  }
  const membership = await tx.membership.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  });
  if (!membership) throw new AppError("not_found", "Member not found.");
  const owners = await tx.membership.count({ where: { teamId, role: "OWNER" } });
  return { role: membership.role, isLastOwner: membership.role === "OWNER" && owners === 1 };
}

const lastOwnerError = () =>
  new AppError("last_owner", "A team needs at least one owner. Make someone else an owner first.");

export async function setMemberRole(
  scope: Prisma.TeamWhereInput,
  teamId: string,
  userId: string,
  role: TeamRole,
): Promise<void> {
  await db().$transaction(async (tx) => {
    const membership = await getMembershipForChange(tx, scope, teamId, userId);
    if (membership.isLastOwner && role !== "OWNER") throw lastOwnerError();
    await tx.membership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
  });
}

/**
 * Removes a member, whose own conversations leave the team with them (back to private): what stays in a team's
 * history is what its members share. Returns who was in the team, for ending the streams they lost.
 */
export async function removeMember(scope: Prisma.TeamWhereInput, teamId: string, userId: string): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const membership = await getMembershipForChange(tx, scope, teamId, userId);
    if (membership.isLastOwner) throw lastOwnerError();
    await tx.membership.delete({ where: { teamId_userId: { teamId, userId } } });
    await tx.conversation.updateMany({
      where: { teamId, ownerId: userId },
      data: { teamId: null, visibility: "PRIVATE" },
    });
    const remaining = await tx.membership.findMany({ where: { teamId }, select: { userId: true } });
    return [userId, ...remaining.map((member) => member.userId)];
  });
}

/**
 * Before an account is deleted (in its transaction): each team it alone owns gets a new owner, the member who joined
 * first; a team with nobody else in it is deleted, its conversations back to private (they go with the account).
 */
export async function handOverTeamsOf(tx: Transaction, userId: string): Promise<void> {
  const owned = await tx.membership.findMany({ where: { userId, role: "OWNER" }, select: { teamId: true } });
  for (const { teamId } of owned) {
    await lockTeam(tx, teamId);
    const others = await tx.membership.findMany({
      where: { teamId, userId: { not: userId } },
      select: { userId: true, role: true },
      orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
    });
    const [successor] = others;
    if (!successor) {
      await tx.conversation.updateMany({ where: { teamId }, data: { teamId: null, visibility: "PRIVATE" } });
      await tx.team.delete({ where: { id: teamId } });
    } else if (!others.some((member) => member.role === "OWNER")) {
      await tx.membership.update({
        where: { teamId_userId: { teamId, userId: successor.userId } },
        data: { role: "OWNER" },
      });
    }
  }
}
