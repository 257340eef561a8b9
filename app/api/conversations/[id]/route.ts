// GET, PATCH, DELETE /api/conversations/{id} – the conversation with its thread (?message=: through that message),
// its changes, its delete.
import { z } from "zod";
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { getConversationWithThread, messageParameterSchema } from "@/lib/conversations/conversation-thread";
import {
  deleteMyConversation,
  updateConversationSchema,
  updateMyConversation,
} from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";
import { jsonHandlerForId } from "@/lib/http/json-handler";

const querySchema = z.strictObject({ message: messageParameterSchema });

export const GET = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return jsonResponse(await getConversationWithThread(user, id, query.message));
});

export const PATCH = jsonHandlerForId(
  { authenticate: requireApiUser, body: updateConversationSchema },
  updateMyConversation,
);

export const DELETE = jsonHandlerForId({ authenticate: requireApiUser }, async (user, id) => {
  await deleteMyConversation(user, id);
});
