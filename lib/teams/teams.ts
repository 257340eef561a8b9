// Team use cases for route handlers and pages: each applies the caller's access scope (lib/access/teams.ts).
import { z } from "zod";
import { deleteTeamWithAccess } from "../access/access-changes";
import { requireTeam } from "../access/team-access";
import { teamsWhere } from "../access/teams";
import type { SessionUser } from "../auth/session";
import { createTeamWithOwner, listMembers, listTeamsOfMember, renameTeam } from "../db/teams";

const MAX_TEAM_NAME_LENGTH = 100;

export const teamNameSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name for the team.")
    .max(MAX_TEAM_NAME_LENGTH, `Use at most ${MAX_TEAM_NAME_LENGTH} characters.`),
});

export function listMyTeams(user: SessionUser) {
  return listTeamsOfMember(user.id);
}

/** The creator is the team's first OWNER. */
export function createTeam(user: SessionUser, name: string) {
  return createTeamWithOwner(name, user.id);
}

/** Every member sees the others' names; only owners see their emails (a viewer may be anyone an owner invited). */
export async function getTeamWithMembers(user: SessionUser, id: string) {
  const team = await requireTeam(user, "member", id);
  return { ...team, members: await listMembers(id, team.role === "OWNER") };
}

export async function renameMyTeam(user: SessionUser, id: string, name: string) {
  await requireTeam(user, "owner", id);
  await renameTeam(teamsWhere(user.id, "owner"), id, name);
  return getTeamWithMembers(user, id);
}

export async function deleteMyTeam(user: SessionUser, id: string): Promise<void> {
  await requireTeam(user, "owner", id);
  await deleteTeamWithAccess(teamsWhere(user.id, "owner"), id);
}
