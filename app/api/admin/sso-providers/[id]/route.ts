// PATCH /api/admin/sso-providers/{id} – edit an OpenID provider (label, client, scopes, linking, claim mapping).
// DELETE /api/admin/sso-providers/{id} – remove an OpenID provider; its button disappears from the sign-in page.
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { changeProvider, removeProvider, ssoProviderChangesSchema } from "@/lib/sso/sso-admin";

export const PATCH = jsonHandlerForId(
  { authenticate: requireApiAdmin, body: ssoProviderChangesSchema },
  changeProvider,
);

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, removeProvider);
