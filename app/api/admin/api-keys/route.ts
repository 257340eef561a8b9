// GET /api/admin/api-keys – every user's API keys (never their secrets).
import { listEveryApiKey } from "@/lib/api-keys/api-keys";
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, () => listEveryApiKey());
