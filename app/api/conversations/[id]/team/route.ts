// PUT /api/conversations/{id}/team – share the conversation with one of the caller's teams, or (null) stop sharing.
import { requireApiUser } from "@/lib/auth/session";
import { setConversationTeamFor, setTeamSchema } from "@/lib/chat/team-sharing";
import { handle, jsonResponse, parseId, parseJsonBody } from "@/lib/http/handler";

type Params = { id: string };

export const PUT = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, setTeamSchema);
  const user = await requireApiUser();
  return jsonResponse(await setConversationTeamFor(user, id, input.teamId));
});
