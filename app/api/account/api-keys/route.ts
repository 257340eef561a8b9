// GET /api/account/api-keys – the caller's API keys and whether they may use the API; POST – create one { name,
// expiresInDays? }, answered with its secret once.
import { createApiKeySchema, createOwnApiKey, listOwnApiKeys } from "@/lib/api-keys/api-keys";
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";

export const GET = jsonHandler({ authenticate: requireApiUser }, (user) => listOwnApiKeys(user));

export const POST = jsonHandler(
  { authenticate: requireApiUser, body: createApiKeySchema, status: 201 },
  (user, input) => createOwnApiKey(user, input),
);
