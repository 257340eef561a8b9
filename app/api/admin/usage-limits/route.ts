// GET /api/admin/usage-limits – the default, per-user and per-team limits and the models' prices; PUT – set one
// subject's limits { target, tokensPerDay, tokensPerMonth, costPerMonth } (all null: removed; audited).
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { limitSchema, listLimits, setLimit } from "@/lib/usage-limits/limit-admin";

export const GET = jsonHandler({ authenticate: requireApiAdmin }, () => listLimits());

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: limitSchema }, (admin, input) =>
  setLimit(admin, input),
);
