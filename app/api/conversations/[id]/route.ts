// GET /api/conversations/{id} – the conversation and its current thread; PATCH – rename, change the model or set
// parameters; DELETE – delete.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import {
  deleteMyConversation,
  getConversationWithThread,
  updateConversationSchema,
  updateMyConversation,
} from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

type Params = { id: string };

export const GET = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await getConversationWithThread(user, id));
});

export const PATCH = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, updateConversationSchema);
  const user = await requireApiUser();
  return jsonResponse(await updateMyConversation(user, id, input));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  await deleteMyConversation(user, id);
  return new Response(null, { status: 204 });
});
