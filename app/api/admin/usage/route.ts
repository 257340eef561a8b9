// GET /api/admin/usage?from=&to= – tokens, replies and cost by day, user, team and model over a UTC date range;
// `&format=csv&by=day|user|team|model` – one of them as a CSV file.
import { requireApiAdmin } from "@/lib/auth/session";
import { attachmentResponse, handle, jsonResponse, parseQuery } from "@/lib/http/handler";
import { getUsageCsv, getUsageDashboard, usageQuerySchema } from "@/lib/usage-limits/usage-report";

export const GET = handle(async (request) => {
  const query = parseQuery(request, usageQuerySchema);
  await requireApiAdmin();
  if (query.format === "csv") return attachmentResponse(await getUsageCsv(query));
  return jsonResponse(await getUsageDashboard(query));
});
