// GET /api/conversations/{id}/feedback – the caller's own verdicts (good, bad) on the conversation's replies.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { listFeedback } from "@/lib/conversations/reply-feedback";
import { handle, jsonResponse } from "@/lib/http/handler";

export const GET = handle<{ id: string }>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await listFeedback(user, id));
});
