// POST /api/conversations/{id}/restore – undo a delete (within the restore window).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { restoreMyConversation } from "@/lib/conversations/conversations";
import { handle, jsonResponse } from "@/lib/http/handler";

export const POST = handle<{ id: string }>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await restoreMyConversation(user, id));
});
