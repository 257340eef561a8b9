// Attachments (lib/attachments): the files of users' messages, bytes included. An upload is unclaimed (no message)
// until the message that carries it is sent; from then on it is read through its conversation's access rules.
import { AppError } from "../errors";
import { type AttachmentKind, db, Prisma } from "./client";
import { createId } from "./ids";

export const attachmentViewFields = {
  id: true,
  name: true,
  kind: true,
  contentType: true,
  size: true,
} as const satisfies Prisma.AttachmentSelect;
export type AttachmentView = Prisma.AttachmentGetPayload<{ select: typeof attachmentViewFields }>;

export type NewAttachment = {
  ownerId: string;
  name: string;
  kind: AttachmentKind;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  sha256: string;
  text: string | null;
  tokenCount: number;
};

/** Stores an upload if the owner's files stay within `quota` bytes; checked under a per-user lock. */
export async function createAttachment(input: NewAttachment, quota: number): Promise<AttachmentView> {
  return db().$transaction(async (tx) => {
    // Two uploads at once must not both pass the quota: they queue on the owner's row.
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE id = ${input.ownerId} FOR UPDATE`;
    const used = await sumStorage(tx, input.ownerId);
    if (used + input.bytes.byteLength > quota) {
      throw new AppError(
        "storage_quota_exceeded",
        "Your files use all the storage you have. Delete some chats first.",
        {
          details: { usedBytes: used, quotaBytes: quota },
        },
      );
    }
    return tx.attachment.create({
      data: { id: createId(), ...input, size: input.bytes.byteLength },
      select: attachmentViewFields,
    });
  });
}

async function sumStorage(client: Prisma.TransactionClient, ownerId: string): Promise<number> {
  const [row] = await client.$queryRaw<{ total: bigint | null }[]>`
    SELECT sum(size)::bigint AS total FROM "Attachment" WHERE "ownerId" = ${ownerId}`;
  return Number(row?.total ?? 0);
}

export function getStorageUsed(ownerId: string): Promise<number> {
  return sumStorage(db(), ownerId);
}

/** The caller's own unclaimed uploads among `ids`, with what a turn's checks need of them (not their bytes). */
export async function getUnclaimedAttachments(ownerId: string, ids: string[]) {
  return db().attachment.findMany({
    where: { id: { in: ids }, ownerId, messageId: null },
    select: { ...attachmentViewFields, text: true, tokenCount: true },
  });
}

/** Files of messages of `conversationId` among `ids`: an edited message's files, which its new version keeps. */
export async function getConversationAttachments(conversationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db().attachment.findMany({
    where: { id: { in: ids }, message: { conversationId } },
    select: { ...attachmentViewFields, text: true, tokenCount: true },
  });
}

/**
 * Gives the caller's unclaimed uploads to a new message, inside the turn's transaction: an id that is not one of
 * them (another user's, already sent) fails the whole turn.
 */
export async function claimAttachments(
  tx: Prisma.TransactionClient,
  input: { ownerId: string; messageId: string; ids: string[]; copiedIds?: string[] },
): Promise<void> {
  for (const id of input.copiedIds ?? []) {
    // An edit's new version gets its own copy, so that each version's files follow that version.
    await tx.$executeRaw`
      INSERT INTO "Attachment" (id, "ownerId", "messageId", name, kind, "contentType", size, sha256, bytes, text,
                                "tokenCount", "createdAt")
      SELECT ${createId()}, ${input.ownerId}, ${input.messageId}, name, kind, "contentType", size, sha256, bytes, text,
             "tokenCount", now()
        FROM "Attachment" WHERE id = ${id}`;
  }
  if (input.ids.length === 0) return;
  const claimed = await tx.$executeRaw`
    UPDATE "Attachment"
       -- The message lists its files in the order they were sent with it, whichever upload finished first.
       SET "messageId" = ${input.messageId},
           "createdAt" = now() + array_position(${input.ids}::text[], id) * interval '1 millisecond'
     WHERE id IN (${Prisma.join(input.ids)}) AND "ownerId" = ${input.ownerId} AND "messageId" IS NULL`;
  if (claimed !== input.ids.length) {
    throw new AppError("invalid_input", "An attached file is no longer available. Attach it again.");
  }
}

/** The files of the messages a context window sends, bytes included (images go to the model as data). */
export async function getAttachmentsForMessages(messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db().attachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { ...attachmentViewFields, messageId: true, text: true, bytes: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** What a thread shows of its messages' files (no bytes). */
export async function listAttachmentViews(messageIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const rows =
    messageIds.length === 0
      ? []
      : await db().attachment.findMany({
          where: { messageId: { in: messageIds } },
          select: { ...attachmentViewFields, messageId: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
  const byMessage = new Map<string, AttachmentView[]>();
  for (const { messageId, ...view } of rows) {
    if (!messageId) continue;
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), view]);
  }
  return byMessage;
}

/**
 * A file the caller may open: their own upload not yet sent, or a file of a message in a conversation they may
 * read (`readableSql`, lib/access, over `c`). Anything else is null (a 404: an outsider learns nothing).
 */
export async function getReadableAttachmentFile(userId: string, readableSql: Prisma.Sql, id: string) {
  const [row] = await db().$queryRaw<FileRow[]>`
    SELECT a.name, a."contentType", a.kind::text AS kind, a.bytes
      FROM "Attachment" a
      LEFT JOIN "Message" m ON m.id = a."messageId"
      LEFT JOIN "Conversation" c ON c.id = m."conversationId"
     WHERE a.id = ${id}
       AND ((a."messageId" IS NULL AND a."ownerId" = ${userId}) OR (c.id IS NOT NULL AND ${readableSql}))`;
  return row ?? null;
}

/** A file of one of `messageIds` (a share link's snapshot), or null. */
export async function getAttachmentFileOfMessages(id: string, messageIds: string[]): Promise<FileRow | null> {
  if (messageIds.length === 0) return null;
  return db().attachment.findFirst({
    where: { id, messageId: { in: messageIds } },
    select: { name: true, contentType: true, kind: true, bytes: true },
  });
}

export type FileRow = { name: string; contentType: string; kind: AttachmentKind; bytes: Uint8Array };

/** Removes one of the caller's uploads before it is sent (the chip's remove button). */
export async function deleteUnclaimedAttachment(ownerId: string, id: string): Promise<boolean> {
  const { count } = await db().attachment.deleteMany({ where: { id, ownerId, messageId: null } });
  return count > 0;
}

/** Uploads no message claimed (an abandoned composer, an aborted send): removed after `olderThan`. */
export async function sweepUnclaimedAttachments(olderThan: Date): Promise<number> {
  const { count } = await db().attachment.deleteMany({ where: { messageId: null, createdAt: { lt: olderThan } } });
  return count;
}

/** The files of conversations deleted before `deletedBefore` (past Undo): their bytes go, the rows with them. */
export async function deleteFilesOfDeletedConversations(deletedBefore: Date): Promise<number> {
  return db().$executeRaw`
    DELETE FROM "Attachment" a USING "Message" m, "Conversation" c
     WHERE a."messageId" = m.id AND m."conversationId" = c.id AND c."deletedAt" < ${deletedBefore}`;
}

/**
 * Copies the files of messages to their copies (`pairs`: [source message id, copy's id]), owned by `ownerId`: "Copy
 * to my chats" takes a thread's files with it. One statement; the ids have the shape of createId's.
 */
export async function copyAttachmentsToMessages(ownerId: string, pairs: [string, string][]): Promise<number> {
  if (pairs.length === 0) return 0;
  const sourceIds = pairs.map(([source]) => source);
  const copyIds = pairs.map(([, copy]) => copy);
  return db().$executeRaw`
    INSERT INTO "Attachment" (id, "ownerId", "messageId", name, kind, "contentType", size, sha256, bytes, text,
                              "tokenCount", "createdAt")
    SELECT 'c' || substr(md5(random()::text || a.id), 1, 24), ${ownerId}, pairs.copy_id, a.name, a.kind,
           a."contentType", a.size, a.sha256, a.bytes, a.text, a."tokenCount", a."createdAt"
      FROM "Attachment" a
      JOIN unnest(${sourceIds}::text[], ${copyIds}::text[]) AS pairs(source_id, copy_id) ON a."messageId" = pairs.source_id`;
}
