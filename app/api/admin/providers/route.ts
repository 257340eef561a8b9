// GET /api/admin/providers – every provider, keys masked; POST – add one { name, baseUrl, apiKey? }.
import { requireApiAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/db/providers";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { addProvider, newProviderSchema } from "@/lib/models/providers";

export const GET = handle(async () => {
  await requireApiAdmin();
  return jsonResponse({ items: await listProviders() });
});

export const POST = handle(async (request) => {
  const input = await parseJsonBody(request, newProviderSchema);
  const admin = await requireApiAdmin();
  return jsonResponse(await addProvider(admin, input), 201);
});
