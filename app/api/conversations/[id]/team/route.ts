import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { getTeamChoices, setConversationTeamFor, setTeamSchema } from "@/lib/teams/team-sharing";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, getTeamChoices);

export const PUT = jsonHandlerForId({ authenticate: requireApiUser, body: setTeamSchema }, (user, id, input) =>
  setConversationTeamFor(user, id, input.teamId),
);
