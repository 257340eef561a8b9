// GET /api/teams/{id}/invitations – the team's invitation links, without their tokens; POST – create one, its link
// shown in this answer only (owners only, both).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { createInvitationSchema, inviteToTeam, listTeamInvitations } from "@/lib/teams/invitations";

type Params = { id: string };

export const GET = handle<Params>(async (_request, params) => {
  const teamId = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await listTeamInvitations(user, teamId));
});

export const POST = handle<Params>(async (request, params) => {
  const teamId = parseId(params.id);
  const input = await parseJsonBody(request, createInvitationSchema);
  const user = await requireApiUser();
  return jsonResponse(await inviteToTeam(user, teamId, input), 201);
});
