// POST /api/invitations/{token}/accept – join the team of an invitation link (signed in).
import { parseToken } from "@/lib/auth/secret-tokens";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse } from "@/lib/http/handler";
import { acceptInvitationLink } from "@/lib/teams/invitations";

type Params = { token: string };

export const POST = handle<Params>(async (_request, params) => {
  const token = parseToken(params.token);
  const user = await requireApiUser();
  return jsonResponse(await acceptInvitationLink(user, token));
});
