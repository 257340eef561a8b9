// POST /api/conversations/{id}/messages – send a user message; the reply streams back as Server-Sent Events.
import { requireApiUser } from "@/lib/auth/session";
import { createEventStreamResponse } from "@/lib/chat/event-stream";
import { sendMessage, sendMessageSchema } from "@/lib/chat/send-message";
import { handle, parseId, parseJsonBody } from "@/lib/http/handler";

export const POST = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, sendMessageSchema);
  const user = await requireApiUser();
  return createEventStreamResponse(await sendMessage(user, id, input));
});
