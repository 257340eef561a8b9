// The files of an imported Parley export, checked as uploads are: each decoded, its type sniffed from the bytes, a
// document's text extracted; within the size limits (a file's, and a message's count and total) and the owner's
// storage. A file that would be refused as an upload or on send is left out (its message is kept), so that one odd
// file does not fail a whole import.
//
// Documents are read as uploads are, under their user's turn (one at a time, each within its own deadline), and the
// whole import within a reading budget: IMPORT_READING_MS in all, and at most MAX_UNREADABLE_DOCUMENTS that cannot
// be read, since the budget of 50 MB of hostile files would otherwise be thousands of readings of up to a minute
// each, holding a worker for days. Past either the import is refused with a message that says why: nothing has been
// written by then (import.ts writes once every file is ready, in one transaction), and what a user asked to import
// comes back whole or not at all, rather than with documents stored without their text for the model to miss. An
// export of Parley's holds files that Parley read once: such a file reads again in well under a second.
import { createHash } from "node:crypto";
import type { SessionUser } from "../auth/session";
import { storedEncoding } from "../chat/tokens";
import { getStorageUsed, storageBytesOf } from "../db/attachments";
import type { ConversationToImport, ImportedFile, ImportedRow } from "../db/conversation-import";
import { AppError } from "../errors";
import { type AttachmentLimits, MEGABYTE } from "../limits";
import { getAttachmentLimits } from "./attachment-limits";
import { type DocumentReader, ReadingBudgetSpentError } from "./extract-off-thread";
import { extractDocumentText } from "./extract-text";
import { withoutImageMetadata } from "./image-metadata";
import { readImageSize } from "./image-size";
import { estimateImageTokens } from "./image-tokens";
import type { LeftOutFile, LeftOutReason } from "./left-out-files";
import { sniffFile } from "./sniff";
import { countTurnTokens } from "./turn-files";

const IMPORT_READING_MS = 3 * 60_000;
const MAX_UNREADABLE_DOCUMENTS = 10;

/** The import's reader (its user's turns, its time left) and how many of its documents could not be read. */
type ImportReading = { reader: DocumentReader; unreadableCount: number };

type Decoded = { file: ImportedFile } | { reason: LeftOutReason };

/** The document's text, or null when it cannot be read (left out); throws when the import itself must stop. */
async function readImportedText(bytes: Uint8Array, contentType: string, name: string, reading: ImportReading) {
  try {
    return await extractDocumentText(bytes, contentType, name, reading.reader);
  } catch (error) {
    if (error instanceof ReadingBudgetSpentError) {
      throw new AppError(
        "payload_too_large",
        `Reading the documents in this file took over ${IMPORT_READING_MS / 60_000} minutes, more than an import may take: nothing was imported.`,
        { cause: error },
      );
    }
    // Too many of the user's documents being read at once (429): the import may be tried again.
    if (error instanceof AppError && error.code === "too_many_documents") throw error;
    reading.unreadableCount++;
    if (reading.unreadableCount > MAX_UNREADABLE_DOCUMENTS) {
      throw new AppError(
        "unreadable_file",
        `More than ${MAX_UNREADABLE_DOCUMENTS} documents in this file could not be read: nothing was imported.`,
        { cause: error },
      );
    }
    return null;
  }
}

async function decodeFile(name: string, data: string, maxBytes: number, reading: ImportReading): Promise<Decoded> {
  const decoded = new Uint8Array(Buffer.from(data, "base64"));
  if (decoded.byteLength === 0) return { reason: "empty" };
  if (decoded.byteLength > maxBytes) return { reason: "too_large" };
  const sniffed = sniffFile(decoded);
  if (!sniffed) return { reason: "unsupported" };
  const bytes = sniffed.kind === "IMAGE" ? withoutImageMetadata(decoded, sniffed.contentType) : decoded;
  let text: string | null = null;
  if (sniffed.kind === "DOCUMENT") {
    text = await readImportedText(bytes, sniffed.contentType, name, reading);
    if (text === null) return { reason: "unreadable" };
  }
  const tokenCount = sniffed.kind === "IMAGE" ? estimateImageTokens(readImageSize(bytes, sniffed.contentType)) : 0;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { file: { name, kind: sniffed.kind, contentType: sniffed.contentType, bytes, sha256, text, tokenCount } };
}

/**
 * A message's files as a sent message may have them: those past its count or its total size are left out too. The
 * count is of the files it lists, read or not: files that fail cannot make a message's reading longer.
 */
async function decodeRow(
  { encodedFiles, ...row }: ImportedRow,
  limits: AttachmentLimits,
  reading: ImportReading,
  leftOut: LeftOutFile[],
): Promise<ImportedRow> {
  const files: ImportedFile[] = [];
  let totalBytes = 0;
  const listed = encodedFiles ?? [];
  for (const file of listed.slice(limits.filesPerMessage))
    leftOut.push({ name: file.name, reason: "over_message_limits" });
  for (const file of listed.slice(0, limits.filesPerMessage)) {
    const maxBytes = limits.fileMegabytes * MEGABYTE;
    const decoded: Decoded = file.data
      ? await decodeFile(file.name, file.data, maxBytes, reading)
      : { reason: "not_in_file" };
    if ("reason" in decoded) {
      leftOut.push({ name: file.name, reason: decoded.reason });
    } else if (totalBytes + decoded.file.bytes.byteLength > limits.messageMegabytes * MEGABYTE) {
      leftOut.push({ name: file.name, reason: "over_message_limits" });
    } else {
      files.push(decoded.file);
      totalBytes += decoded.file.bytes.byteLength;
    }
  }
  return files.length > 0 ? { ...row, files } : row;
}

/**
 * A message's count with its files (its documents' text, its images' estimates), as a sent turn's is counted, and
 * the running totals of the thread below it: the window would otherwise take such a message for its text alone.
 * Parents come before their children in `messages`.
 */
function countWithFiles(messages: ImportedRow[]): ImportedRow[] {
  const threadTokens = new Map<string, number>();
  return messages.map((row) => {
    const tokenCount = row.files?.length
      ? countTurnTokens(row.content, row.files, storedEncoding(row.tokenEncoding))
      : row.tokenCount;
    const counted = { ...row, tokenCount, threadTokens: (threadTokens.get(row.parentId ?? "") ?? 0) + tokenCount };
    threadTokens.set(row.id, counted.threadTokens);
    return counted;
  });
}

/** The conversations with the files that can be stored, and the files left out (a message keeps its text). */
export async function prepareImportedFiles(
  user: SessionUser,
  conversations: ConversationToImport[],
): Promise<{ conversations: ConversationToImport[]; leftOut: LeftOutFile[] }> {
  const limits = await getAttachmentLimits();
  const reading: ImportReading = {
    reader: { userId: user.id, maxAtOnce: limits.filesPerMessage, budget: { remainingMs: IMPORT_READING_MS } },
    unreadableCount: 0,
  };
  const prepared: ConversationToImport[] = [];
  const leftOut: LeftOutFile[] = [];
  for (const conversation of conversations) {
    const messages: ImportedRow[] = [];
    for (const row of conversation.messages) {
      messages.push(row.encodedFiles ? await decodeRow(row, limits, reading, leftOut) : row);
    }
    const hasFiles = messages.some((row) => row.files?.length);
    prepared.push({ ...conversation, messages: hasFiles ? countWithFiles(messages) : messages });
  }
  const added = prepared
    .flatMap((conversation) => conversation.messages)
    .reduce((sum, row) => sum + (row.files ?? []).reduce((total, file) => total + storageBytesOf(file), 0), 0);
  if (added > 0 && (await getStorageUsed(user.id)) + added > limits.storageMegabytes * MEGABYTE) {
    throw new AppError("storage_quota_exceeded", "The file's attachments do not fit in your storage.");
  }
  return { conversations: prepared, leftOut };
}
