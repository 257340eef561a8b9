// PUT /api/admin/model-prices – a model's prices in dollars per million input/output tokens, or null (audited).
import { requireApiAdmin } from "@/lib/auth/session";
import { jsonHandler } from "@/lib/http/json-handler";
import { priceSchema, setModelPrice } from "@/lib/usage-limits/limit-admin";

export const PUT = jsonHandler({ authenticate: requireApiAdmin, body: priceSchema }, (admin, input) =>
  setModelPrice(admin, input),
);
