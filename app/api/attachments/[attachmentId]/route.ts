// GET /api/attachments/{id} – the file, for whoever may read its conversation; DELETE – remove an unsent upload.
import { parseId } from "@/lib/access/ids";
import { openAttachment, removeUpload } from "@/lib/attachments/files";
import { fileResponse } from "@/lib/attachments/serve-file";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handler";

type Params = { attachmentId: string };

export const GET = handle<Params>(async (_request, params) => {
  const id = parseId(params.attachmentId);
  const user = await requireApiUser();
  return fileResponse(await openAttachment(user, id));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.attachmentId);
  const user = await requireApiUser();
  await removeUpload(user, id);
  return new Response(null, { status: 204 });
});
