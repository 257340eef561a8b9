// GET /api/admin/users – users, oldest first, `?q=` searches email and name: { items, hasMore }.
import { requireApiAdmin } from "@/lib/auth/session";
import { searchUsers, userSearchSchema } from "@/lib/auth/user-admin";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";

export const GET = handle(async (request) => {
  const query = parseQuery(request, userSearchSchema);
  await requireApiAdmin();
  return jsonResponse(await searchUsers(query));
});
