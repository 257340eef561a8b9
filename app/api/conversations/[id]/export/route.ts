// GET /api/conversations/{id}/export?format=markdown|json – download the conversation (JSON: every version).
import { z } from "zod";
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { exportMyConversation } from "@/lib/conversations/export";
import { attachmentResponse, handle, parseQuery } from "@/lib/http/handler";

const querySchema = z.strictObject({ format: z.enum(["markdown", "json"]) });

export const GET = handle<{ id: string }>(async (request, params) => {
  const id = parseId(params.id);
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return attachmentResponse(await exportMyConversation(user, id, query.format));
});
