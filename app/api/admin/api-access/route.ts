// GET /api/admin/api-access – { access, requestsPerMinute }; PUT – who may use the /v1 API ("off", "admins" or
// "everyone") and how many requests per minute a key and a user may make (audited).
import { apiSettingsSchema, getApiSettings, updateApiSettings } from "@/lib/api-keys/api-settings";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, () => getApiSettings());

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: apiSettingsSchema }, (admin, input) =>
  updateApiSettings(admin, input),
);
