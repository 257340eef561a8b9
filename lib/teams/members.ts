// Roles and membership: owners change roles and remove anyone; every member may leave. A team always keeps at
// least one owner (lib/db/teams.ts checks that under a lock).
import { z } from "zod";
import { removeTeamMembership } from "../access/access-changes";
import { requireTeam } from "../access/team-access";
import { teamsWhere } from "../access/teams";
import type { SessionUser } from "../auth/session";
import { setMemberRole } from "../db/teams";

export const teamRoleSchema = z.enum(["OWNER", "EDITOR", "VIEWER"], "Choose Owner, Editor or Viewer.");

export const memberRoleSchema = z.strictObject({ role: teamRoleSchema });

export async function changeMemberRole(
  user: SessionUser,
  teamId: string,
  userId: string,
  role: z.infer<typeof teamRoleSchema>,
) {
  await requireTeam(user, "owner", teamId);
  await setMemberRole(teamsWhere(user.id, "owner"), teamId, userId, role);
}

/**
 * An owner removes anyone; any member removes themselves, which is leaving. Their access ends at once, and their own
 * conversations leave the team with them: the members watching one of those lose it too.
 */
export async function removeTeamMember(user: SessionUser, teamId: string, userId: string): Promise<void> {
  const access = userId === user.id ? "member" : "owner";
  await requireTeam(user, access, teamId);
  await removeTeamMembership(teamsWhere(user.id, access), teamId, userId);
}
