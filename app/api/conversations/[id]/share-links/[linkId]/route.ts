// DELETE /api/conversations/{id}/share-links/{linkId} – revoke the link: its page answers 404 from now on. 204.
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle } from "@/lib/http/handler";
import { revokeMyShareLink } from "@/lib/share-links/share-links";

export const DELETE = handle<{ id: string; linkId: string }>(async (_request, params) => {
  const id = parseId(params.id);
  const linkId = parseId(params.linkId);
  const user = await requireApiUser();
  await revokeMyShareLink(user, id, linkId);
  return new Response(null, { status: 204 });
});
