// GET /api/admin/public-links – { enabled }; PUT – turn public share links on or off { enabled } (audited).
import { z } from "zod";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { arePublicShareLinksEnabled, setPublicShareLinksEnabled } from "@/lib/share-links/public-share-links";

const switchSchema = z.strictObject({ enabled: z.boolean() });

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({
  enabled: await arePublicShareLinksEnabled(),
}));

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: switchSchema }, (admin, { enabled }) =>
  setPublicShareLinksEnabled(admin, enabled),
);
