// GET /api/account/usage – the caller's own usage today and this month, their limits and what is left.
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { getOwnUsage } from "@/lib/usage-limits/usage-report";

export const GET = jsonHandler({ authenticate: requireApiUser }, (user) => getOwnUsage(user.id));
