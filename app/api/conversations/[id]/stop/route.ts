// POST /api/conversations/{id}/stop – stop the reply being generated; the partial text is kept.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { stopConversationReplies } from "@/lib/chat/live-replies";
import { handle, jsonResponse } from "@/lib/http/handler";

export const POST = handle<{ id: string }>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  const stopped = await stopConversationReplies(user, id);
  return jsonResponse({ stopped }, 202);
});
