// GET /api/conversations/{id}/share-links – the owner's links { publicLinksEnabled, items }; POST – create one
// { messageId?, expiresInDays? }, 201 with its url (the token is shown this once).
import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { createMyShareLink, createShareLinkSchema, listMyShareLinks } from "@/lib/teams/share-links";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, listMyShareLinks);

export const POST = jsonHandlerForId(
  { authenticate: requireApiUser, body: createShareLinkSchema, status: 201 },
  createMyShareLink,
);
