// GET /api/conversations/{id}/team – for the owner: its team and the teams they may share it with; PUT – share the
// conversation with one of the caller's teams, or (null) stop sharing.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { getTeamChoices, setConversationTeamFor, setTeamSchema } from "@/lib/teams/team-sharing";

type Params = { id: string };

export const GET = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await getTeamChoices(user, id));
});

export const PUT = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, setTeamSchema);
  const user = await requireApiUser();
  return jsonResponse(await setConversationTeamFor(user, id, input.teamId));
});
