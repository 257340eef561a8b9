// POST /api/account/import – add the conversations of a ChatGPT export or a Parley JSON export to the caller's.
import { requireApiUser } from "@/lib/auth/session";
import { importMyConversations } from "@/lib/conversations/import";
import { handle, jsonResponse, readJsonBytes } from "@/lib/http/handler";
import { MAX_IMPORT_BYTES } from "@/lib/limits";

export const POST = handle(async (request) => {
  const user = await requireApiUser();
  // Authenticated before reading: only signed-in users may make the server read a file this large. Refused while
  // reading once over the limit; decoded and parsed off the event loop (lib/conversations/run-import.ts).
  const file = await readJsonBytes(request, MAX_IMPORT_BYTES);
  return jsonResponse(await importMyConversations(user, file), 201);
});
