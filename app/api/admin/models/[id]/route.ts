import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { changeModel, modelChangesSchema, removeModel } from "@/lib/models/model-settings";

export const PATCH = jsonHandlerForId({ authenticate: requireApiAdmin, body: modelChangesSchema }, changeModel);

export const DELETE = jsonHandlerForId({ authenticate: requireApiAdmin }, async (admin, id) => {
  await removeModel(admin, id);
});
