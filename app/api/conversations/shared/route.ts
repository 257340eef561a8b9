// GET /api/conversations/shared – conversations other members shared with the caller's teams, grouped by team.
import { requireApiUser } from "@/lib/auth/session";
import { listSharedWithMe } from "@/lib/conversations/conversations";
import { handle, jsonResponse } from "@/lib/http/handler";

export const GET = handle(async () => {
  const user = await requireApiUser();
  return jsonResponse({ teams: await listSharedWithMe(user) });
});
