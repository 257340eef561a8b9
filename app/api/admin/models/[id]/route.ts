// PATCH /api/admin/models/{id} – change settings (a new version and an audit entry); DELETE – delete the model.
import { parseId } from "@/lib/access/ids";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { changeModel, modelChangesSchema, removeModel } from "@/lib/models/model-settings";

type Params = { id: string };

export const PATCH = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, modelChangesSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await changeModel(admin, id, input));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const admin = await requireApiAdmin();
  await removeModel(admin, id);
  return new Response(null, { status: 204 });
});
