// GET /api/admin/public-links – { enabled }; PUT – turn public share links on or off { enabled } (audited).
import { z } from "zod";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { arePublicShareLinksEnabled, setPublicShareLinksEnabled } from "@/lib/share-links/public-share-links";

const switchSchema = z.strictObject({ enabled: z.boolean() });

export const GET = handle(async () => {
  await requireApiAdmin();
  return jsonResponse({ enabled: await arePublicShareLinksEnabled() });
});

export const PUT = handle(async (request) => {
  const { enabled } = await parseJsonBody(request, switchSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await setPublicShareLinksEnabled(admin, enabled));
});
