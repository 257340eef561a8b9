import { requireApiAdmin } from "@/lib/auth/session";
import { changeUser, removeUser, userChangesSchema } from "@/lib/auth/user-admin";
import { jsonHandlerForId } from "@/lib/http/json-handler";

export const PATCH = jsonHandlerForId({ authenticate: requireApiAdmin, body: userChangesSchema }, changeUser);

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, async (admin, id) => {
  await removeUser(admin, id);
});
