// "Copy to my chats" and "continue as my copy": a thread, from its root down to a chosen message, becomes a new
// private conversation of the caller, which they may continue on their own.
import { usableModelsWhere } from "../access/models";
import { getAttachmentLimits } from "../attachments/attachment-limits";
import { countTurnTokens } from "../attachments/turn-files";
import type { SessionUser } from "../auth/session";
import { storedEncoding } from "../chat/tokens";
import { ATTACHMENT_KINDS, getCountedFilesOfMessages } from "../db/attachments";
import type { AttachmentKind } from "../db/client";
import { insertImportedConversations } from "../db/conversation-import";
import { createId } from "../db/ids";
import { getThreadPath, type PathRow } from "../db/messages";
import { getDefaultModelId, isModelInScope } from "../db/models";
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";

export type ThreadToCopy = {
  conversationId: string;
  messageId: string;
  title: string;
  /** The conversation's own prompt, when the copier could read it (a share link's visitor never sees it). */
  systemPrompt: string | null;
  modelId: string | null;
  /** The kinds of the messages' files that come with the copy: a share link's copy takes only those it lets open. */
  fileKinds: readonly AttachmentKind[];
};

export async function copyThreadToMyChats(
  user: SessionUser,
  source: ThreadToCopy,
): Promise<{ id: string; title: string }> {
  const path = await getThreadPath(source.conversationId, source.messageId);
  if (path.length === 0) throw new AppError("not_found", "Message not found.");
  if (path.some((message) => message.status === "STREAMING")) {
    throw new AppError("reply_still_streaming", "This reply is still being written. Copy it once it has finished.");
  }
  // The copy keeps the conversation's model when the caller may use it, else it starts on their default.
  const keepsModel = source.modelId !== null && (await isModelInScope(usableModelsWhere(user.id), source.modelId));
  const modelId = keepsModel ? source.modelId : await getDefaultModelId(usableModelsWhere(user.id));
  if (!modelId) throw new AppError("model_unavailable", "No model is available. Ask an admin to enable one.");

  const counted = await countWithoutWithheldFiles(path, source.fileKinds);
  const newIds = new Map(path.map((message) => [message.id, createId()]));
  const now = new Date();
  const { storageMegabytes } = await getAttachmentLimits();
  // One transaction: the copy and its files, within the copier's storage (their copies count as their own files).
  const copy = {
    quotaBytes: storageMegabytes * MEGABYTE,
    copyFilesOf: { pairs: [...newIds], kinds: source.fileKinds },
  };
  const [created] = await insertImportedConversations(
    { ownerId: user.id, modelId },
    [
      {
        title: source.title,
        systemPrompt: source.systemPrompt,
        createdAt: now,
        updatedAt: now,
        currentLeafId: newIds.get(source.messageId) ?? null,
        messages: counted.map((message) => ({
          id: newIds.get(message.id) ?? createId(),
          parentId: message.parentId ? (newIds.get(message.parentId) ?? null) : null,
          role: message.role,
          content: message.content,
          createdAt: message.createdAt,
          tokenCount: message.tokenCount,
          tokenEncoding: message.tokenEncoding,
          depth: message.depth,
          threadTokens: message.threadTokens,
          // A copy of an imported reply is still not the model's: "copy, then share" must not wash the mark off.
          imported: message.imported,
          reasoning: message.reasoning,
          reasoningMs: message.reasoningMs,
        })),
      },
    ],
    copy,
  );
  if (!created) throw new AppError("internal", "The copy could not be saved.");
  return created;
}

/**
 * The path as the copy holds it: a message whose files do not all come with it (a share link that shows documents
 * by name only) is counted again without them, as a sent turn is counted, and the running totals below it follow;
 * the window would otherwise drop it earlier than it needs to.
 */
async function countWithoutWithheldFiles(path: PathRow[], kinds: readonly AttachmentKind[]): Promise<PathRow[]> {
  if (ATTACHMENT_KINDS.every((kind) => kinds.includes(kind))) return path;
  const files = await getCountedFilesOfMessages(path.map((message) => message.id));
  let fewerTokens = 0;
  return path.map((message) => {
    const own = files.filter((file) => file.messageId === message.id);
    if (own.every((file) => kinds.includes(file.kind))) {
      return { ...message, threadTokens: message.threadTokens - fewerTokens };
    }
    const encoding = storedEncoding(message.tokenEncoding);
    const kept = own.filter((file) => kinds.includes(file.kind));
    const tokenCount = countTurnTokens(message.content, kept, encoding);
    fewerTokens += Math.max(0, message.tokenCount - tokenCount);
    return { ...message, tokenCount, tokenEncoding: encoding, threadTokens: message.threadTokens - fewerTokens };
  });
}
