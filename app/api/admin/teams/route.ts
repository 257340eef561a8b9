// GET /api/admin/teams – every team, for choosing which teams see a model.
import { requireApiAdmin } from "@/lib/auth/session";
import { listAllTeams } from "@/lib/db/team-conversations";
import { handle, jsonResponse } from "@/lib/http/handler";

export const GET = handle(async () => {
  await requireApiAdmin();
  return jsonResponse({ items: await listAllTeams() });
});
