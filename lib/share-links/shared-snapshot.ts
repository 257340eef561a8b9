// What a share link's visitor gets: the snapshot's title and the role and text of each message, nothing else
// (no ids, authors, model or system prompt) but whether it was imported, and for a signed-in visitor a private copy
// to continue.
import { liveShareLinksWhere } from "../access/share-links";
import { hashToken, isTokenShaped } from "../auth/secret-tokens";
import type { SessionUser } from "../auth/session";
import { copyThreadToMyChats } from "../conversations/copy-thread";
import {
  ATTACHMENT_KINDS,
  type AttachmentView,
  getAttachmentFileOfMessages,
  listAttachmentViews,
} from "../db/attachments";
import type { AttachmentKind } from "../db/client";
import { getThreadPath } from "../db/messages";
import { findShareLinkByTokenHash } from "../db/share-links";
import { AppError } from "../errors";
import { arePublicShareLinksEnabled } from "./public-share-links";

/**
 * `imported`: from an imported file, so not the model's words whatever the role says; the page marks it.
 * `reasoning`: the model's thinking, which the page shows collapsed, as the conversation does.
 */
export type SharedMessage = {
  role: "USER" | "ASSISTANT";
  content: string;
  imported: boolean;
  reasoning: string | null;
  /** The message's files; `isIncluded`: the link lets visitors open it (else its name only). */
  attachments: SharedAttachment[];
};
export type SharedAttachment = AttachmentView & { isIncluded: boolean };
export type SharedSnapshot = { title: string; messages: SharedMessage[] };

type FileChoices = { includesImages: boolean; includesDocuments: boolean };

/** Whether the link lets its visitors open (and copy) files of this kind; the others they see by name only. */
function includesFilesOf(link: FileChoices, kind: AttachmentKind): boolean {
  return kind === "IMAGE" ? link.includesImages : link.includesDocuments;
}

async function findLiveShareLink(token: string) {
  if (!isTokenShaped(token) || !(await arePublicShareLinksEnabled())) return null;
  return findShareLinkByTokenHash(liveShareLinksWhere(new Date()), hashToken(token));
}

/** Null for any link that does not open (unknown, revoked, expired, deleted conversation, links off). */
export async function getSharedSnapshot(token: string): Promise<SharedSnapshot | null> {
  const link = await findLiveShareLink(token);
  if (!link) return null;
  const path = await getThreadPath(link.conversationId, link.messageId);
  const files = await listAttachmentViews(path.map((message) => message.id));
  const withInclusion = (attachment: AttachmentView): SharedAttachment => ({
    ...attachment,
    isIncluded: includesFilesOf(link, attachment.kind),
  });
  const messages = path.flatMap((message) =>
    // System messages are instructions to the model, not part of what was said; empty turns show nothing.
    (message.role === "USER" || message.role === "ASSISTANT") && message.content !== ""
      ? [
          {
            role: message.role,
            content: message.content,
            imported: message.imported,
            reasoning: message.reasoning,
            attachments: (files.get(message.id) ?? []).map(withInclusion),
          },
        ]
      : [],
  );
  return { title: link.title, messages };
}

/** A file of the snapshot that the link lets visitors open; null otherwise (the route answers 404). */
export async function getSharedFile(token: string, attachmentId: string) {
  const link = await findLiveShareLink(token);
  if (!link) return null;
  const path = await getThreadPath(link.conversationId, link.messageId);
  const file = await getAttachmentFileOfMessages(
    attachmentId,
    path.map((message) => message.id),
  );
  if (!file) return null;
  return includesFilesOf(link, file.kind) ? file : null;
}

/** "Continue as my copy": the snapshot becomes a private conversation of the visitor, with the files it shows. */
export async function copySharedSnapshot(user: SessionUser, token: string): Promise<{ id: string }> {
  const link = await findLiveShareLink(token);
  if (!link) throw new AppError("not_found", "Share link not found.");
  const { id } = await copyThreadToMyChats(user, {
    conversationId: link.conversationId,
    messageId: link.messageId,
    title: link.title,
    // The snapshot shows no prompt, so its copy takes none.
    systemPrompt: null,
    modelId: link.conversation.modelId,
    fileKinds: ATTACHMENT_KINDS.filter((kind) => includesFilesOf(link, kind)),
  });
  return { id };
}
