import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { changeProvider, providerChangesSchema, removeProvider } from "@/lib/models/providers";

export const PATCH = jsonHandlerForId({ authenticate: requireApiAdmin, body: providerChangesSchema }, changeProvider);

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, async (admin, id) => {
  await removeProvider(admin, id);
});
