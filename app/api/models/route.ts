// GET /api/models – the models the caller may chat with.
import { requireApiUser } from "@/lib/auth/session";
import { listMyModels } from "@/lib/chat/conversations";
import { handle, jsonResponse } from "@/lib/http/handler";

export const GET = handle(async () => {
  const user = await requireApiUser();
  return jsonResponse({ items: await listMyModels(user) });
});
