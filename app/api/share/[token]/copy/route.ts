// POST /api/share/{token}/copy – "continue as my copy": the snapshot becomes the caller's private conversation.
// 201 { id }; 401 signed out; 404 for a link that does not open.
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { copySharedSnapshot } from "@/lib/share-links/shared-snapshot";

// The link is the whole request: a body, if any, must be empty.
const noFieldsSchema = z.strictObject({});

export const POST = handle<{ token: string }>(async (request, params) => {
  await parseJsonBody(request, noFieldsSchema);
  const user = await requireApiUser();
  return jsonResponse(await copySharedSnapshot(user, params.token), 201);
});
