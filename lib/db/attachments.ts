// Attachments (lib/attachments): the files of users' messages. An upload is unclaimed (no message) until the message
// that carries it is sent; from then on it is read through its conversation's access rules. The bytes live in
// AttachmentContent, once per SHA-256, shared by every row with the same content and reference-counted by the
// database's triggers (docs/architecture.md, "Attachments"): rows, access and quota stay per message and per owner.
import { AppError } from "../errors";
import { type AttachmentKind, db, Prisma } from "./client";
import { inUploadTransaction } from "./file-writes";
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
  /** The extracted text; with `textIsBytes`, a text file's text is its bytes (sniffed: UTF-8 without NUL). */
  text: string | null;
  textIsBytes?: boolean;
  tokenCount: number;
};

// What a file counts for in its owner's storage: its size, or the text read from it when that is larger. A document's
// text is stored beside its bytes and can be many times their size (a PDF that draws little compressed text many
// times); counted by the larger of the two, a small file cannot store far more than the quota lets its owner.
// A text file's text is its bytes, never more, and an image has none: both count at their size.
const STORAGE_BYTES_SQL = "greatest(size, coalesce(octet_length(text), 0))";

/** `STORAGE_BYTES_SQL` of a file about to be written. */
export function storageBytesOf(file: { bytes: Uint8Array; text: string | null }): number {
  return Math.max(file.bytes.byteLength, file.text === null ? 0 : Buffer.byteLength(file.text));
}

function quotaExceeded(usedBytes: number, quotaBytes: number): AppError {
  return new AppError("storage_quota_exceeded", "Your files use all the storage you have. Delete some chats first.", {
    details: { usedBytes, quotaBytes },
  });
}

/** Rows of a statement with $n parameters, on a Prisma transaction or on the uploads' node-postgres client. */
export type RunQuery = (sql: string, values: unknown[]) => Promise<unknown[]>;

// A Buffer goes to node-postgres as a binary parameter (a view of the same memory, no copy); Prisma takes it too.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// UTF-8's byte order mark is no text: TextDecoder drops it when a file is decoded (an import), so it goes here too.
function withoutByteOrderMark(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function onTransaction(tx: Prisma.TransactionClient): RunQuery {
  return (sql, values) => tx.$queryRawUnsafe<unknown[]>(sql, ...values);
}

/**
 * The bytes of files about to be written, stored once per content. An existing content's row is locked (the
 * update) until the transaction ends, so that the deletion of its last other reference cannot remove it meanwhile.
 * Its bytes are written again, not kept: an upload then takes as long whether or not some account stored the same
 * file already, which would otherwise tell anyone, by timing, that a file they hold exists on the server.
 * Locked in SHA-256 order: two writers sharing files never wait for each other in opposite orders (a deadlock).
 */
export function storeContents(
  tx: Prisma.TransactionClient,
  files: { sha256: string; bytes: Uint8Array<ArrayBuffer> }[],
): Promise<void> {
  return upsertContents(onTransaction(tx), files);
}

async function upsertContents(
  run: RunQuery,
  files: { sha256: string; bytes: Uint8Array<ArrayBuffer> }[],
): Promise<void> {
  const bySha = new Map(files.map((file) => [file.sha256, file.bytes]));
  for (const sha256 of [...bySha.keys()].sort()) {
    const bytes = bySha.get(sha256) as Uint8Array<ArrayBuffer>;
    await run(
      `INSERT INTO "AttachmentContent" (sha256, bytes, size) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [sha256, asBuffer(bytes), bytes.byteLength],
    );
  }
}

/**
 * Stores an upload if the owner's files stay within `quota` bytes (checkQuotaAfterWrite): its content (once per
 * SHA-256), its row, then the check. Written through node-postgres (file-writes.ts): the bytes are the one large
 * parameter of the app.
 */
export async function createAttachment(input: NewAttachment, quota: number): Promise<AttachmentView> {
  return inUploadTransaction(async (run) => {
    await upsertContents(run, [input]);
    const [row] = (await run(
      `INSERT INTO "Attachment" (id, "ownerId", name, kind, "contentType", size, sha256, text, "tokenCount", "createdAt")
       VALUES ($1, $2, $3, $4::"AttachmentKind", $5, $6, $7, $8, $9, now())
       RETURNING id, name, kind::text AS kind, "contentType", size`,
      [
        createId(),
        ...[input.ownerId, input.name, input.kind, input.contentType, input.bytes.byteLength, input.sha256],
        // A text file's text goes as its bytes (a binary parameter is the text's bytes for a text column): no
        // decoding of the whole file into a string and encoding it back on the way to the database.
        input.textIsBytes ? asBuffer(withoutByteOrderMark(input.bytes)) : input.text,
        input.tokenCount,
      ],
    )) as AttachmentView[];
    if (!row) throw new Error("Writing the upload returned no row");
    await checkQuota(run, { ownerId: input.ownerId, quotaBytes: quota, addedBytes: storageBytesOf(input) });
    return row;
  });
}

type QuotaCheck = { ownerId: string; quotaBytes: number; addedBytes: number };

/**
 * Refuses the transaction's writes if they took the owner past `quota` bytes. Two writes of one owner's files at
 * once must not both pass: the check takes a lock on the owner's row, after the (long) writes, so that concurrent
 * uploads write in parallel and queue only for the check, which then sees the others' committed files. Each owner's
 * files count in full (STORAGE_BYTES_SQL), shared bytes or not: what they see in their chats is what they use.
 */
export function checkQuotaAfterWrite(tx: Prisma.TransactionClient, owner: QuotaCheck): Promise<void> {
  return checkQuota(onTransaction(tx), owner);
}

async function checkQuota(run: RunQuery, owner: QuotaCheck): Promise<void> {
  // Writing no file never fails, even for an owner already past a quota the admin lowered.
  if (owner.addedBytes === 0) return;
  // NO KEY UPDATE: the writes' foreign keys hold KEY SHARE locks on this row, which FOR UPDATE would wait for
  // (two concurrent uploads deadlocked); NO KEY UPDATE waits only for another writer's check.
  await run(`SELECT 1 FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [owner.ownerId]);
  const used = await sumStorage(run, owner.ownerId);
  if (used > owner.quotaBytes) throw quotaExceeded(used - owner.addedBytes, owner.quotaBytes);
}

/**
 * The owner's files, but those of conversations they deleted: the sweep purges them a day later (while Undo can
 * still bring them back), and "Delete some chats first" must free the room at once. A conversation brought back
 * counts again, even past the quota (nothing new is written: the next upload is refused until there is room).
 */
async function sumStorage(run: RunQuery, ownerId: string): Promise<number> {
  const [row] = (await run(
    `SELECT coalesce(sum(${STORAGE_BYTES_SQL}), 0)::bigint AS total FROM "Attachment"
      WHERE "ownerId" = $1
        AND NOT EXISTS (SELECT 1 FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
                         WHERE m.id = "Attachment"."messageId" AND c."deletedAt" IS NOT NULL)`,
    [ownerId],
  )) as { total: bigint | string }[];
  return Number(row?.total ?? 0);
}

export function getStorageUsed(ownerId: string): Promise<number> {
  return sumStorage(onTransaction(db()), ownerId);
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
 * them (another user's, already sent) fails the whole turn. `copied`: files of another message (an edit keeps
 * them), copied to this one as the caller's, within their storage quota like any file of theirs. Returns the
 * message's files in the thread's order.
 */
export async function claimAttachments(
  tx: Prisma.TransactionClient,
  input: { ownerId: string; messageId: string; ids: string[]; copied: { ids: string[]; quotaBytes: number } },
): Promise<AttachmentView[]> {
  const files: AttachmentView[] = [];
  // The message lists its files in the order they were sent with it (by createdAt: a millisecond apart, since
  // now() is the same all through the transaction): the kept ones first, as they were, then the new uploads.
  for (const [index, id] of input.copied.ids.entries()) {
    // An edit's new version gets its own row (the bytes are shared), so that each version's files follow it.
    files.push(
      ...(await tx.$queryRaw<AttachmentView[]>`
        INSERT INTO "Attachment" (id, "ownerId", "messageId", name, kind, "contentType", size, sha256, text,
                                  "tokenCount", "createdAt")
        SELECT ${createId()}, ${input.ownerId}, ${input.messageId}, name, kind, "contentType", size, sha256, text,
               "tokenCount", now() + ${index + 1}::int * interval '1 millisecond'
          FROM "Attachment" WHERE id = ${id}
        RETURNING ${viewColumns}`),
    );
  }
  const copiedBytes = files.reduce((sum, file) => sum + file.size, 0);
  await checkQuotaAfterWrite(tx, {
    ownerId: input.ownerId,
    quotaBytes: input.copied.quotaBytes,
    addedBytes: copiedBytes,
  });
  if (input.ids.length === 0) return files;
  const claimed = await tx.$queryRaw<AttachmentView[]>`
    UPDATE "Attachment"
       -- In the order they were sent with the message, whichever upload finished first.
       SET "messageId" = ${input.messageId},
           "createdAt" = now() + (${files.length}::int + array_position(${input.ids}::text[], id)) * interval '1 millisecond'
     WHERE id IN (${Prisma.join(input.ids)}) AND "ownerId" = ${input.ownerId} AND "messageId" IS NULL
    RETURNING ${viewColumns}`;
  if (claimed.length !== input.ids.length) {
    throw new AppError("invalid_input", "An attached file is no longer available. Attach it again.");
  }
  claimed.sort((a, b) => input.ids.indexOf(a.id) - input.ids.indexOf(b.id));
  return [...files, ...claimed];
}

const viewColumns = Prisma.sql`id, name, kind::text AS kind, "contentType", size`;

/**
 * The files of the messages a context window sends, with their images' bytes when `withImageBytes` (images go to a
 * model that reads them as data); a document's bytes are never read here: its text is what is sent.
 */
export async function getAttachmentsForMessages(messageIds: string[], withImageBytes: boolean) {
  if (messageIds.length === 0) return [];
  const rows = await db().attachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { ...attachmentViewFields, messageId: true, text: true, sha256: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const imageHashes = withImageBytes ? rows.filter((row) => row.kind === "IMAGE").map((row) => row.sha256) : [];
  const contents =
    imageHashes.length === 0
      ? []
      : await db().attachmentContent.findMany({
          where: { sha256: { in: [...new Set(imageHashes)] } },
          select: { sha256: true, bytes: true },
        });
  const bytesOf = new Map(contents.map((content) => [content.sha256, content.bytes]));
  return rows.map(({ sha256, ...row }) => ({ ...row, bytes: bytesOf.get(sha256) ?? null }));
}

/** What the messages' files cost in the context window (no bytes): their kinds, documents' text, images' estimates. */
export function getCountedFilesOfMessages(messageIds: string[]) {
  if (messageIds.length === 0) return Promise.resolve([]);
  return db().attachment.findMany({
    where: { messageId: { in: messageIds } },
    select: { messageId: true, name: true, kind: true, text: true, tokenCount: true },
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
    SELECT a.name, a."contentType", a.kind::text AS kind, ac.bytes
      FROM "Attachment" a
      JOIN "AttachmentContent" ac ON ac.sha256 = a.sha256
      LEFT JOIN "Message" m ON m.id = a."messageId"
      LEFT JOIN "Conversation" c ON c.id = m."conversationId"
     WHERE a.id = ${id}
       AND ((a."messageId" IS NULL AND a."ownerId" = ${userId}) OR (c.id IS NOT NULL AND ${readableSql}))`;
  return row ?? null;
}

/** A file of one of `messageIds` (a share link's snapshot), or null. */
export async function getAttachmentFileOfMessages(id: string, messageIds: string[]): Promise<FileRow | null> {
  if (messageIds.length === 0) return null;
  const row = await db().attachment.findFirst({
    where: { id, messageId: { in: messageIds } },
    select: { name: true, contentType: true, kind: true, content: { select: { bytes: true } } },
  });
  return row && { name: row.name, contentType: row.contentType, kind: row.kind, bytes: row.content.bytes };
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

/** Every kind of attachment: what "Copy to my chats" takes. */
export const ATTACHMENT_KINDS: readonly AttachmentKind[] = ["IMAGE", "DOCUMENT"];

/**
 * Copies the files of messages to their copies (`pairs`: [source message id, copy's id]), owned by `ownerId`, in the
 * transaction that writes the copies: "Copy to my chats" takes a thread's files with it, a share link's copy only the
 * `kinds` its link lets visitors open. The rows are new, the bytes shared. One statement; the ids have the shape of
 * createId's. Returns the bytes the owner's storage grew by.
 */
export async function copyAttachmentsToMessages(
  tx: Prisma.TransactionClient,
  ownerId: string,
  pairs: [string, string][],
  kinds: readonly AttachmentKind[],
): Promise<number> {
  if (pairs.length === 0 || kinds.length === 0) return 0;
  const sourceIds = pairs.map(([source]) => source);
  const copyIds = pairs.map(([, copy]) => copy);
  const [row] = await tx.$queryRaw<{ added: bigint | null }[]>`
    WITH copied AS (
      INSERT INTO "Attachment" (id, "ownerId", "messageId", name, kind, "contentType", size, sha256, text,
                                "tokenCount", "createdAt")
      SELECT 'c' || substr(md5(random()::text || a.id), 1, 24), ${ownerId}, pairs.copy_id, a.name, a.kind,
             a."contentType", a.size, a.sha256, a.text, a."tokenCount", a."createdAt"
        FROM "Attachment" a
        JOIN unnest(${sourceIds}::text[], ${copyIds}::text[]) AS pairs(source_id, copy_id)
          ON a."messageId" = pairs.source_id
       WHERE a.kind = ANY(${kinds}::"AttachmentKind"[])
      RETURNING ${Prisma.raw(STORAGE_BYTES_SQL)} AS stored
    )
    SELECT sum(stored)::bigint AS added FROM copied`;
  return Number(row?.added ?? 0);
}
