import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { deleteMyTeam, getTeamWithMembers, renameMyTeam, teamNameSchema } from "@/lib/teams/teams";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, getTeamWithMembers);

export const PATCH = jsonHandlerForId({ authenticate: requireApiUser, body: teamNameSchema }, (user, id, input) =>
  renameMyTeam(user, id, input.name),
);

export const DELETE = jsonHandlerForId({ authenticate: requireApiUser }, async (user, id) => {
  await deleteMyTeam(user, id);
});
