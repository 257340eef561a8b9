// DELETE /api/account/api-keys/{id} – revoke one of the caller's own API keys (it stops working at once).
import { revokeOwnKey } from "@/lib/api-keys/api-keys";
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";

export const DELETE = jsonHandlerForId({ authenticate: requireApiUser }, (user, id) => revokeOwnKey(user, id));
