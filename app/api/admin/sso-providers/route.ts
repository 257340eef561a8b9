// GET /api/admin/sso-providers – the OpenID providers people may sign in with (no secrets).
// POST /api/admin/sso-providers – add one (its issuer must answer OpenID discovery).
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { addProvider, listProviders, ssoProviderSchema } from "@/lib/sso/sso-admin";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, () => listProviders());

export const POST = jsonHandler({ authenticate: requireApiAdmin, body: ssoProviderSchema, status: 201 }, addProvider);
