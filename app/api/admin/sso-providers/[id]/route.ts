// DELETE /api/admin/sso-providers/{id} – remove an OpenID provider; its button disappears from the sign-in page.
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { removeProvider } from "@/lib/sso/sso-admin";

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, removeProvider);
