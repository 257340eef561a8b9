// Invitation links. Only the SHA-256 of a token is stored; a link is usable while it is not revoked, not expired
// and not used up, and each use is counted in the same UPDATE that checks the limit, so a link for five people
// admits five even when more accept at the same moment.
import { AppError } from "../errors";
import { db, Prisma, type TeamRole } from "./client";
import { lockTeam } from "./teams";

type Transaction = Prisma.TransactionClient;

export type InvitationSummary = {
  id: string;
  role: TeamRole;
  expiresAt: Date;
  maxUses: number | null;
  uses: number;
  createdAt: Date;
};

const usableSql = Prisma.sql`i."revokedAt" IS NULL AND i."expiresAt" > (now() AT TIME ZONE 'UTC') AND (i."maxUses" IS NULL OR i.uses < i."maxUses")`;

const summaryFields = { id: true, role: true, expiresAt: true, maxUses: true, uses: true, createdAt: true } as const;

/**
 * Creates a link if the caller's `scope` (an owner of the team) still allows it, checked under the lock that role
 * changes take: an owner demoted at that moment mints nothing.
 */
export async function createInvitation(
  scope: Prisma.TeamWhereInput,
  input: {
    teamId: string;
    tokenHash: string;
    role: TeamRole;
    expiresAt: Date;
    maxUses: number | null;
    createdById: string;
  },
): Promise<InvitationSummary> {
  return db().$transaction(async (tx) => {
    await lockTeam(tx, input.teamId);
    if ((await tx.team.count({ where: { AND: [scope, { id: input.teamId }] } })) === 0) {
      throw new AppError("not_found", "Team not found.");
    }
    return tx.invitation.create({ data: input, select: summaryFields });
  });
}

/** The team's invitations that have not been revoked, newest first (expired and used-up ones included). */
export async function listInvitations(scope: Prisma.TeamWhereInput, teamId: string): Promise<InvitationSummary[]> {
  return db().invitation.findMany({
    where: { teamId, team: scope, revokedAt: null },
    select: summaryFields,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
}

export async function revokeInvitation(scope: Prisma.TeamWhereInput, teamId: string, id: string): Promise<void> {
  const { count } = await db().invitation.updateMany({
    where: { id, teamId, team: scope, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "Invitation not found.");
}

/** What the invitation page shows, for a link that can still be used. */
export async function getUsableInvitation(tokenHash: string) {
  const [invitation] = await db().$queryRaw<{ teamId: string; teamName: string; role: TeamRole; expiresAt: Date }[]>`
    SELECT i."teamId", t.name AS "teamName", i.role::text AS role, i."expiresAt"
      FROM "Invitation" i JOIN "Team" t ON t.id = i."teamId"
     WHERE i."tokenHash" = ${tokenHash} AND ${usableSql}`;
  return invitation ?? null;
}

/**
 * Makes the user a member through the invitation, inside the caller's transaction. Someone already in the team
 * keeps their role and uses up nothing. Null when the link cannot be used (unknown, revoked, expired, used up).
 */
export async function joinTeamByInvitation(tx: Transaction, tokenHash: string, userId: string) {
  const [invitation] = await tx.$queryRaw<{ teamId: string; role: TeamRole }[]>`
    SELECT i."teamId", i.role::text AS role FROM "Invitation" i WHERE i."tokenHash" = ${tokenHash} AND ${usableSql}`;
  if (!invitation) return null;
  const joined = await tx.$executeRaw`
    INSERT INTO "Membership" ("teamId", "userId", role)
    VALUES (${invitation.teamId}, ${userId}, ${invitation.role}::"TeamRole")
    ON CONFLICT DO NOTHING`;
  if (joined === 0) return { teamId: invitation.teamId };
  const used = await tx.$executeRaw`
    UPDATE "Invitation" i SET uses = uses + 1 WHERE i."tokenHash" = ${tokenHash} AND ${usableSql}`;
  // Taken by others between the look-up and here: the caller's transaction undoes the membership.
  return used === 0 ? null : { teamId: invitation.teamId };
}

export async function acceptInvitation(tokenHash: string, userId: string) {
  return db().$transaction(async (tx) => {
    const joined = await joinTeamByInvitation(tx, tokenHash, userId);
    if (!joined) throw new AppError("not_found", "This invitation is not valid any more.");
    return joined;
  });
}
