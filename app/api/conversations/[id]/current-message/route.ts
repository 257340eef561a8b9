// PUT /api/conversations/{id}/current-message – show the branch through a message (switching edit/reply versions).
import { z } from "zod";
import { idSchema, parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { showBranch } from "@/lib/conversations/conversation-thread";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

const bodySchema = z.strictObject({ messageId: idSchema });

export const PUT = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, bodySchema);
  const user = await requireApiUser();
  return jsonResponse(await showBranch(user, id, input.messageId));
});
