// GET /api/admin/users – users, oldest first, `?q=` searches email and name: { items, hasMore }.
import { requireApiAdmin } from "@/lib/auth/session";
import { searchUsers, userSearchSchema } from "@/lib/auth/user-admin";
import { handle, jsonResponse, parseInput } from "@/lib/http/handler";

export const GET = handle(async (request) => {
  const query = parseInput(userSearchSchema, Object.fromEntries(new URL(request.url).searchParams));
  await requireApiAdmin();
  return jsonResponse(await searchUsers(query));
});
