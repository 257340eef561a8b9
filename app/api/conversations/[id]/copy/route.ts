// POST /api/conversations/{id}/copy – copy the thread up to a message into a new conversation of the caller's own.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { copyMessageSchema, copyMessageToMyChats } from "@/lib/teams/team-sharing";

type Params = { id: string };

export const POST = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, copyMessageSchema);
  const user = await requireApiUser();
  return jsonResponse(await copyMessageToMyChats(user, id, input.messageId), 201);
});
