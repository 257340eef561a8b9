// GET /api/admin/password-sign-in – { enabled }; PUT – turn password sign-in on or off { enabled } (audited; off
// only while a single sign-on provider exists).
import { z } from "zod";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { isPasswordSignInEnabled, setPasswordSignInEnabled } from "@/lib/sso/password-sign-in";

const switchSchema = z.strictObject({ enabled: z.boolean() });

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({
  enabled: await isPasswordSignInEnabled(),
}));

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: switchSchema }, (admin, { enabled }) =>
  setPasswordSignInEnabled(admin, enabled),
);
