// DELETE /api/teams/{id}/invitations/{invitationId} – revoke an invitation link (owners only).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handler";
import { revokeTeamInvitation } from "@/lib/teams/invitations";

type Params = { id: string; invitationId: string };

export const DELETE = handle<Params>(async (_request, params) => {
  const [teamId, invitationId] = [parseId(params.id), parseId(params.invitationId)];
  const user = await requireApiUser();
  await revokeTeamInvitation(user, teamId, invitationId);
  return new Response(null, { status: 204 });
});
