// GET /api/models – the models the caller may chat with; `?conversationId=` those that conversation may run on
// (a team conversation: only models visible to everyone or listed for its team).
import { z } from "zod";
import { idSchema } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { listMyModels } from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";

const querySchema = z.strictObject({ conversationId: idSchema.optional() });

export const GET = handle(async (request) => {
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return jsonResponse({ items: await listMyModels(user, query.conversationId) });
});
