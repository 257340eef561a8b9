// POST /api/admin/providers/{id}/test – list the provider's models: { ok: true, models } or { ok: false, reason }.
import { parseId } from "@/lib/access/ids";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse } from "@/lib/http/handler";
import { testProviderConnection } from "@/lib/models/test-connection";

export const POST = handle<{ id: string }>(async (_request, params) => {
  const id = parseId(params.id);
  await requireApiAdmin();
  return jsonResponse(await testProviderConnection(id));
});
