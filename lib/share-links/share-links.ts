// Share links, as their owner manages them: a public, read-only snapshot of the thread from the root down to one
// message. Only the conversation's owner lists, creates and revokes them (team members 403, others 404).
import { z } from "zod";
import { requireConversation } from "../access/conversation-access";
import { idSchema } from "../access/ids";
import { createSecretToken, hashToken } from "../auth/secret-tokens";
import type { SessionUser } from "../auth/session";
import { getThreadPath } from "../db/messages";
import { createShareLink, listShareLinks, revokeShareLink } from "../db/share-links";
import { publicSiteUrl } from "../env";
import { AppError } from "../errors";
import { arePublicShareLinksEnabled } from "./public-share-links";

const DAY_MS = 24 * 60 * 60 * 1000;

export const createShareLinkSchema = z.strictObject({
  // Left out: the message the owner sees last (the conversation's current leaf).
  messageId: idSchema.optional(),
  // Null or left out: the link never expires.
  expiresInDays: z.number().int().min(1).max(365).nullable().optional(),
  // Whether visitors may open the attached files; otherwise they see the file names only.
  includesImages: z.boolean().default(true),
  includesDocuments: z.boolean().default(false),
});

export async function listMyShareLinks(user: SessionUser, conversationId: string) {
  await requireConversation(user, "own", conversationId);
  const [publicLinksEnabled, items] = await Promise.all([arePublicShareLinksEnabled(), listShareLinks(conversationId)]);
  return { publicLinksEnabled, items };
}

/** The new link with its URL: the only time the token is shown, as only its hash is kept. */
export async function createMyShareLink(
  user: SessionUser,
  conversationId: string,
  input: z.infer<typeof createShareLinkSchema>,
) {
  const conversation = await requireConversation(user, "own", conversationId);
  if (!(await arePublicShareLinksEnabled())) {
    throw new AppError("forbidden", "An admin has turned public share links off.");
  }
  const messageId = input.messageId ?? conversation.currentLeafId;
  if (!messageId) throw new AppError("nothing_to_share", "This conversation has no messages to share yet.");
  const path = await getThreadPath(conversationId, messageId);
  if (path.length === 0) throw new AppError("not_found", "Message not found.");
  if (path.some((message) => message.status === "STREAMING")) {
    throw new AppError("reply_still_streaming", "This reply is still being written. Share it once it has finished.");
  }
  const token = createSecretToken();
  const tokenHash = hashToken(token);
  const link = await createShareLink({
    conversationId,
    messageId,
    title: conversation.title,
    tokenHash,
    expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
    createdById: user.id,
    includesImages: input.includesImages,
    includesDocuments: input.includesDocuments,
  });
  return { ...link, url: `${publicSiteUrl()}/s/${token}` };
}

export async function revokeMyShareLink(user: SessionUser, conversationId: string, linkId: string): Promise<void> {
  await requireConversation(user, "own", conversationId);
  await revokeShareLink(conversationId, linkId);
}
