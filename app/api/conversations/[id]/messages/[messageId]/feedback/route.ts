// PUT /api/conversations/{id}/messages/{messageId}/feedback – the caller's verdict on a reply (good or bad, with
// optional words for the admins); DELETE withdraws it.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { feedbackSchema, giveFeedback, withdrawFeedback } from "@/lib/conversations/reply-feedback";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

type Params = { id: string; messageId: string };

export const PUT = handle<Params>(async (request, params) => {
  const [id, messageId] = [parseId(params.id), parseId(params.messageId)];
  const input = await parseJsonBody(request, feedbackSchema);
  const user = await requireApiUser();
  return jsonResponse(await giveFeedback(user, id, messageId, input));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const [id, messageId] = [parseId(params.id), parseId(params.messageId)];
  const user = await requireApiUser();
  await withdrawFeedback(user, id, messageId);
  return new Response(null, { status: 204 });
});
