// GET /api/conversations – the caller's conversations, newest first; POST – start one.

import { z } from "zod";
import { requireApiUser } from "@/lib/auth/session";
import { createConversationSchema, listMyConversations, startConversation } from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseJsonBody, parseQuery } from "@/lib/http/handler";

const listQuerySchema = z.strictObject({ cursor: z.string().max(100).optional() });

export const GET = handle(async (request) => {
  const query = parseQuery(request, listQuerySchema);
  const user = await requireApiUser();
  return jsonResponse(await listMyConversations(user, query.cursor));
});

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, createConversationSchema);
  const user = await requireApiUser();
  return jsonResponse(await startConversation(user, input), 201);
});
