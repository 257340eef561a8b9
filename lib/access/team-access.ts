// The one place that turns "this scope does not reach that team" into the right error: 403 when the caller is a
// member without the role the action needs, else 404, which never reveals that the team exists.
import type { SessionUser } from "../auth/session";
import { getTeam } from "../db/teams";
import { AppError } from "../errors";
import { type TeamAccess, teamsWhere } from "./teams";

/** The team with the caller's role in it, if they have `access` to it; otherwise the 403 or 404 they should get. */
export async function requireTeam(user: SessionUser, access: TeamAccess, id: string) {
  const team = await getTeam(teamsWhere(user.id, access), id, user.id);
  if (team) return team;
  const isMember = access !== "member" && (await getTeam(teamsWhere(user.id, "member"), id, user.id)) !== null;
  throw isMember
    ? new AppError("forbidden", "Only the team's owners can do this.")
    : new AppError("not_found", "Team not found.");
}
