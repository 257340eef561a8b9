// Opening and removing attachments, by the rules of their conversations (lib/access): the uploader alone before the
// message is sent, then whoever may read the conversation. Anyone else gets 404, like for the conversation.
import { readableConversationsSql } from "../access/conversations";
import type { SessionUser } from "../auth/session";
import { deleteUnclaimedAttachment, getReadableAttachmentFile, getStorageUsed } from "../db/attachments";
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";
import { getAttachmentLimits } from "./attachment-limits";

const notFound = () => new AppError("not_found", "File not found.");

export async function openAttachment(user: SessionUser, id: string) {
  const file = await getReadableAttachmentFile(user.id, readableConversationsSql(user.id), id);
  if (!file) throw notFound();
  return file;
}

export async function removeUpload(user: SessionUser, id: string): Promise<void> {
  if (!(await deleteUnclaimedAttachment(user.id, id))) throw notFound();
}

export async function getMyStorage(user: SessionUser) {
  const [usedBytes, limits] = await Promise.all([getStorageUsed(user.id), getAttachmentLimits()]);
  return { usedBytes, quotaBytes: limits.storageMegabytes * MEGABYTE };
}
