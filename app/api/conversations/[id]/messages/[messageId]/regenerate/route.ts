// POST /api/conversations/{id}/messages/{messageId}/regenerate – a new reply beside an existing one, streamed.
import { requireApiUser } from "@/lib/auth/session";
import { createEventStreamResponse } from "@/lib/chat/event-stream";
import { regenerateReply, regenerateSchema } from "@/lib/chat/send-message";
import { handle, parseId, parseJsonBody } from "@/lib/http/handler";

export const POST = handle<{ id: string; messageId: string }>(async (request, params) => {
  const id = parseId(params.id);
  const messageId = parseId(params.messageId);
  const input = await parseJsonBody(request, regenerateSchema);
  const user = await requireApiUser();
  return createEventStreamResponse(await regenerateReply(user, id, messageId, input));
});
