// Team access as where-clauses for every team query (docs/architecture.md, "The access model"). Three levels:
// - member: any role; sees the team, its members and its history, and may leave;
// - writer: OWNER and EDITOR members; continue the team's conversations and share their own with it;
// - owner: the team's OWNER members; rename, delete, roles, removing others, invitations.
// Being an admin of the app gives nothing here: an admin who is not a member is told the team does not exist.
import type { Prisma, TeamRole } from "../db/client";
import { requireId } from "./require-id";

export type TeamAccess = "member" | "writer" | "owner";

export const WRITING_ROLES: TeamRole[] = ["OWNER", "EDITOR"];

const rolesFor: Record<TeamAccess, TeamRole[]> = {
  member: ["OWNER", "EDITOR", "VIEWER"],
  writer: WRITING_ROLES,
  owner: ["OWNER"],
};

export function teamsWhere(userId: string, access: TeamAccess): Prisma.TeamWhereInput {
  requireId(userId);
  return { memberships: { some: { userId, role: { in: rolesFor[access] } } } };
}
