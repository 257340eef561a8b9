// GET /api/invitations/{token} – which team an invitation link is for, and the role; public, like the link itself.
import { parseToken } from "@/lib/auth/secret-tokens";
import { handle, jsonResponse } from "@/lib/http/handler";
import { previewInvitation } from "@/lib/teams/invitations";

type Params = { token: string };

export const GET = handle<Params>(async (_request, params) => {
  return jsonResponse(await previewInvitation(parseToken(params.token)), 200, { "Cache-Control": "no-store" });
});
