import { z } from "zod";
import { requestJson } from "@/app/_components/api/api-client";

const shareLinkSchema = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revoked: z.boolean(),
  includesImages: z.boolean(),
  includesDocuments: z.boolean(),
});
const shareLinkListSchema = z.object({ publicLinksEnabled: z.boolean(), items: z.array(shareLinkSchema) });
const createdShareLinkSchema = shareLinkSchema.extend({ url: z.string() });

export type ShareLink = z.infer<typeof shareLinkSchema>;
export type ShareLinkList = z.infer<typeof shareLinkListSchema>;

const linksUrl = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}/share-links`;

export function fetchShareLinks(conversationId: string) {
  return requestJson(linksUrl(conversationId), shareLinkListSchema);
}

// messageId null: up to the message the owner sees last. expiresInDays null: never expires.
export function createShareLink(
  conversationId: string,
  messageId: string | null,
  options: { expiresInDays: number | null; includesImages: boolean; includesDocuments: boolean },
) {
  return requestJson(linksUrl(conversationId), createdShareLinkSchema, {
    method: "POST",
    body: JSON.stringify({ ...(messageId ? { messageId } : {}), ...options }),
  });
}

export function revokeShareLink(conversationId: string, linkId: string) {
  return requestJson(`${linksUrl(conversationId)}/${encodeURIComponent(linkId)}`, z.undefined(), {
    method: "DELETE",
  });
}
