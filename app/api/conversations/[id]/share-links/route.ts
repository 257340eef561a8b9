import { requireApiUser } from "@/lib/auth/session";
import { jsonHandlerForId } from "@/lib/http/json-handler";
import { createMyShareLink, createShareLinkSchema, listMyShareLinks } from "@/lib/share-links/share-links";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, listMyShareLinks);

export const POST = jsonHandlerForId(
  { authenticate: requireApiUser, body: createShareLinkSchema, status: 201 },
  createMyShareLink,
);
