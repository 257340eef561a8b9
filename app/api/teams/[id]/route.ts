// GET /api/teams/{id} – the team and its members (members only); PATCH – rename and DELETE – delete (owners only).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { deleteMyTeam, getTeamWithMembers, renameMyTeam, teamNameSchema } from "@/lib/teams/teams";

type Params = { id: string };

export const GET = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await getTeamWithMembers(user, id));
});

export const PATCH = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, teamNameSchema);
  const user = await requireApiUser();
  return jsonResponse(await renameMyTeam(user, id, input.name));
});

export const DELETE = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  await deleteMyTeam(user, id);
  return new Response(null, { status: 204 });
});
