// GET /api/teams/{id}/conversations?cursor= – the team's history, newest first, with each owner's name (members).
import { z } from "zod";
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";
import { listTeamConversations } from "@/lib/teams/team-history";

type Params = { id: string };

const listQuerySchema = z.strictObject({ cursor: z.string().max(100).optional() });

export const GET = handle<Params>(async (request, params) => {
  const teamId = parseId(params.id);
  const query = parseQuery(request, listQuerySchema);
  const user = await requireApiUser();
  return jsonResponse(await listTeamConversations(user, teamId, query.cursor));
});
