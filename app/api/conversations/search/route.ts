// GET /api/conversations/search?q= – the caller's conversations whose title or messages contain the text.
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/session";
import { searchMyConversations, searchTextSchema } from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";

const querySchema = z.strictObject({ q: searchTextSchema });

export const GET = handle(async (request) => {
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return jsonResponse({ items: await searchMyConversations(user, query.q) });
});
