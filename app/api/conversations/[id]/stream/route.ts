// GET /api/conversations/{id}/stream – re-attach to the reply being generated (Last-Event-ID resumes); 204 if none.
import { requireApiUser } from "@/lib/auth/session";
import { createEventStreamResponse } from "@/lib/chat/event-stream";
import { findLiveReply } from "@/lib/chat/live-replies";
import { handle, parseId } from "@/lib/http/handler";

export const GET = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const lastEventId = Number(request.headers.get("last-event-id") ?? "0");
  const user = await requireApiUser();
  const generation = await findLiveReply(user, id);
  if (!generation) return new Response(null, { status: 204 });
  return createEventStreamResponse(generation, Number.isSafeInteger(lastEventId) ? lastEventId : 0);
});
