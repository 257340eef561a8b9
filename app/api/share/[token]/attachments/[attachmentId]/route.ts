// GET /api/share/{token}/attachments/{id} – a file of a share link's snapshot, when the link includes that kind of
// file (its owner chose at creation); 404 otherwise, and for a link that does not open.
import { parseId } from "@/lib/access/ids";
import { fileResponse } from "@/lib/attachments/serve-file";
import { AppError } from "@/lib/errors";
import { handle } from "@/lib/http/handler";
import { getSharedFile } from "@/lib/share-links/shared-snapshot";

export const GET = handle<{ token: string; attachmentId: string }>(async (_request, params) => {
  const id = parseId(params.attachmentId);
  // The link is the credential, as for its page: no session needed.
  const file = await getSharedFile(params.token, id);
  if (!file) throw new AppError("not_found", "File not found.");
  return fileResponse(file);
});
