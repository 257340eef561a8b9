// POST /api/invitations/{token}/accept – join the team of an invitation link (signed in).
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse } from "@/lib/http/handler";
import { acceptInvitationLink } from "@/lib/teams/invitations";
import { parseToken } from "@/lib/teams/secret-tokens";

type Params = { token: string };

export const POST = handle<Params>(async (_request, params) => {
  const token = parseToken(params.token);
  const user = await requireApiUser();
  return jsonResponse(await acceptInvitationLink(user, token));
});
