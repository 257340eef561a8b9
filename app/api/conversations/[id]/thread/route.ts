// GET /api/conversations/{id}/thread?before= – the page of the current thread above a message already shown.
import { z } from "zod";
import { idSchema, parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { getOlderMessages } from "@/lib/conversations/conversation-thread";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";

const querySchema = z.strictObject({ before: idSchema });

export const GET = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return jsonResponse(await getOlderMessages(user, id, query.before));
});
