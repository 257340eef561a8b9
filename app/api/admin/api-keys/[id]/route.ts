// DELETE /api/admin/api-keys/{id} – revoke any user's API key (audited).
import { revokeAnyKey } from "@/lib/api-keys/api-keys";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, (admin, id) => revokeAnyKey(admin, id));
