// GET /api/conversations/{id}/share-links – the owner's links { publicLinksEnabled, items }; POST – create one
// { messageId?, expiresInDays? }, 201 with its url (the token is shown this once).
import { parseId } from "@/lib/access/ids";
import { requireApiUser } from "@/lib/auth/session";
import { handle, jsonResponse, parseJsonBody } from "@/lib/http/handler";
import { createMyShareLink, createShareLinkSchema, listMyShareLinks } from "@/lib/share-links/share-links";

type Params = { id: string };

export const GET = handle<Params>(async (_request, params) => {
  const id = parseId(params.id);
  const user = await requireApiUser();
  return jsonResponse(await listMyShareLinks(user, id));
});

export const POST = handle<Params>(async (request, params) => {
  const id = parseId(params.id);
  const input = await parseJsonBody(request, createShareLinkSchema);
  const user = await requireApiUser();
  return jsonResponse(await createMyShareLink(user, id, input), 201);
});
