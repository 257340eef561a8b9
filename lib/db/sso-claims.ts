// The identity provider's groups applied at each SSO sign-in: an admin group promotes, team groups make members
// with a role (an existing membership keeps its own). Only additions: a group that disappears takes nothing away (an admin does that in the console).
// Audited when something changed, in the same transaction.
import { type AuditActor, writeAuditEntry } from "./audit";
import { db, type TeamRole } from "./client";

export type ClaimGrants = { isAdmin: boolean; teams: { teamId: string; role: TeamRole }[] };

export async function applyClaimGrants(actor: AuditActor, userId: string, grants: ClaimGrants): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const changes: Record<string, string> = {};
    if (grants.isAdmin) {
      const { count } = await tx.user.updateMany({ where: { id: userId, role: "USER" }, data: { role: "ADMIN" } });
      if (count > 0) changes.role = "ADMIN";
    }
    for (const { teamId, role } of grants.teams) {
      const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
      if (!team) continue;
      // An existing membership keeps its role: a team's owners may have changed it (or made them its owner).
      const current = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
      if (current) continue;
      await tx.membership.create({ data: { teamId, userId, role } });
      changes[`team:${teamId}`] = role;
    }
    if (Object.keys(changes).length === 0) return false;
    await writeAuditEntry(tx, actor, { action: "user.update", targetType: "user", targetId: userId, after: changes });
    return true;
  });
}
