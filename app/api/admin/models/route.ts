// GET /api/admin/models – every model with its settings (system prompts included); POST – add one.
import { requireApiAdmin } from "@/lib/auth/session";
import { listModelSettings } from "@/lib/db/model-admin";
import { jsonHandler } from "@/lib/http/json-handler";
import { addModel, newModelSchema } from "@/lib/models/model-settings";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, async () => ({ items: await listModelSettings() }));

export const POST = jsonHandler({ authenticate: requireApiAdmin, body: newModelSchema, status: 201 }, addModel);
