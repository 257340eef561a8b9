// POST /api/attachments?name=<file name> – upload a file (the raw bytes as the body) for the caller's next message.
import { parseUploadName, uploadAttachment } from "@/lib/attachments/upload";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const name = parseUploadName(request);
  // Authenticated before reading: only signed-in users may make the server read a file.
  const user = await requireApiUser();
  return jsonResponse(await uploadAttachment(user, request, name), 201);
});
