// GET /api/conversations/{id}/team – for the owner: its team and the teams they may share it with; PUT – share the
// conversation with one of the caller's teams, or (null) stop sharing.
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { getTeamChoices, setConversationTeamFor, setTeamSchema } from "@/lib/teams/team-sharing";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, getTeamChoices);

export const PUT = jsonHandlerForId({ authenticate: requireApiUser, body: setTeamSchema }, (user, id, input) =>
  setConversationTeamFor(user, id, input.teamId),
);
