// GET /api/admin/audit-log – admin actions, newest first, 50 a page: `?actor=&action=&from=&to=&cursor=`.
import { auditQuerySchema, queryAuditLog } from "@/lib/audit/audit-query";
import { requireApiAdmin } from "@/lib/auth/session";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";

export const GET = handle(async (request) => {
  const query = parseQuery(request, auditQuerySchema);
  await requireApiAdmin();
  return jsonResponse(await queryAuditLog(query));
});
