// GET /api/admin/providers – every provider, keys masked; POST – add one { name, baseUrl, apiKey? }.
import { requireApiAdmin } from "@/lib/auth/session";
import { listProviders } from "@/lib/db/providers";
import { jsonHandler } from "@/lib/http/json-handler";
import { addProvider, newProviderSchema } from "@/lib/models/providers";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({ items: await listProviders() }));

export const POST = jsonHandler({ authenticate: requireApiAdmin, body: newProviderSchema, status: 201 }, addProvider);
