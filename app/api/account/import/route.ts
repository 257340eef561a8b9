// POST /api/account/import – add the conversations of a ChatGPT export or a Parley JSON export to the caller's.
import { z } from "zod";
import { requireApiUser } from "@/lib/auth/session";
import { importMyConversations } from "@/lib/chat/import";
import { MAX_IMPORT_BYTES } from "@/lib/chat/limits";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";

export const POST = handle(async (request) => {
  const user = await requireApiUser();
  // Authenticated before reading: only signed-in users may make the server parse a file this large.
  const file = await parseJsonBody(request, z.unknown(), MAX_IMPORT_BYTES);
  return jsonResponse(await importMyConversations(user, file), 201);
});
