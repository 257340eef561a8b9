// GET /api/admin/attachment-limits – the attachment limits; PUT – set them { fileMegabytes, filesPerMessage,
// messageMegabytes, storageMegabytes } (audited).
import { attachmentLimitsSchema, getAttachmentLimits, setAttachmentLimits } from "@/lib/attachments/attachment-limits";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, () => getAttachmentLimits());

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: attachmentLimitsSchema }, (admin, limits) =>
  setAttachmentLimits(admin, limits),
);
