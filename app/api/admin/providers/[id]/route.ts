// PATCH /api/admin/providers/{id} – rename, move or change the key { name?, baseUrl?, apiKey? }; DELETE – delete it
// with its models.
import { parseId } from "@/lib/access/ids";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { changeProvider, providerChangesSchema, removeProvider } from "@/lib/models/providers";

type Params = { id: string };

export const PATCH = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, providerChangesSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await changeProvider(admin, id, input));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const admin = await requireApiAdmin();
  await removeProvider(admin, id);
  return new Response(null, { status: 204 });
});
