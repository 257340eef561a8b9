// GET /api/teams/{id}/conversations/search?q= – the team's conversations whose title or messages contain the text.
import { z } from "zod";
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { searchTextSchema } from "@/lib/conversations/conversations";
import { handle, jsonResponse, parseQuery } from "@/lib/http/handler";
import { searchTeamConversations } from "@/lib/teams/team-history";

type Params = { id: string };

const querySchema = z.strictObject({ q: searchTextSchema });

export const GET = handle<Params>(async (request, params) => {
  const teamId = parseId(params.id);
  const query = parseQuery(request, querySchema);
  const user = await requireApiUser();
  return jsonResponse({ items: await searchTeamConversations(user, teamId, query.q) });
});
