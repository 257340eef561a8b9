// PATCH /api/teams/{id}/members/{userId} – change a member's role (owners); DELETE – remove a member (owners), or
// leave the team (a member removing themselves).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, parseJsonBody } from "@/lib/http/handler";
import { changeMemberRole, memberRoleSchema, removeTeamMember } from "@/lib/teams/members";

type Params = { id: string; userId: string };

export const PATCH = handle<Params>(async (request, params) => {
  const [teamId, userId] = [parseId(params.id), parseId(params.userId)];
  const input = await parseJsonBody(request, memberRoleSchema);
  const user = await requireApiUser();
  await changeMemberRole(user, teamId, userId, input.role);
  return new Response(null, { status: 204 });
});

export const DELETE = handle<Params>(async (_request, params) => {
  const [teamId, userId] = [parseId(params.id), parseId(params.userId)];
  const user = await requireApiUser();
  await removeTeamMember(user, teamId, userId);
  return new Response(null, { status: 204 });
});
