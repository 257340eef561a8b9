// GET /api/admin/models – every model with its settings (system prompts included); POST – add one.
import { requireApiAdmin } from "@/lib/auth/session";
import { listModelSettings } from "@/lib/db/model-admin";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { addModel, newModelSchema } from "@/lib/models/model-settings";

export const GET = handle(async () => {
  await requireApiAdmin();
  return jsonResponse({ items: await listModelSettings() });
});

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, newModelSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await addModel(admin, input), 201);
});
