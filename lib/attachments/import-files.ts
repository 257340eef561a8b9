// The files of an imported Parley export, checked as uploads are: each decoded, its type sniffed from the bytes, a
// document's text extracted; within the size limits (a file's, and a message's count and total) and the owner's
// storage. A file that would be refused as an upload or on send is left out (its message is kept), so that one odd
// file does not fail a whole import.
import { createHash } from "node:crypto";
import type { SessionUser } from "../auth/session";
import { storedEncoding } from "../chat/tokens";
import { getStorageUsed } from "../db/attachments";
import type { ConversationToImport, ImportedFile, ImportedRow } from "../db/conversation-import";
import { AppError } from "../errors";
import { type AttachmentLimits, MEGABYTE } from "../limits";
import { getAttachmentLimits } from "./attachment-limits";
import { extractDocumentText } from "./extract-text";
import { withoutImageMetadata } from "./image-metadata";
import { readImageSize } from "./image-size";
import { estimateImageTokens } from "./image-tokens";
import { sniffFile } from "./sniff";
import { countTurnTokens } from "./turn-files";

async function decodeFile(name: string, data: string, maxBytes: number): Promise<ImportedFile | null> {
  const decoded = new Uint8Array(Buffer.from(data, "base64"));
  if (decoded.byteLength === 0 || decoded.byteLength > maxBytes) return null;
  const sniffed = sniffFile(decoded);
  if (!sniffed) return null;
  const bytes = sniffed.kind === "IMAGE" ? withoutImageMetadata(decoded, sniffed.contentType) : decoded;
  let text: string | null = null;
  if (sniffed.kind === "DOCUMENT") {
    try {
      text = await extractDocumentText(bytes, sniffed.contentType, name);
    } catch {
      return null;
    }
  }
  const tokenCount = sniffed.kind === "IMAGE" ? estimateImageTokens(readImageSize(bytes, sniffed.contentType)) : 0;
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { name, kind: sniffed.kind, contentType: sniffed.contentType, bytes, sha256, text, tokenCount };
}

/** A message's files as a sent message may have them: those past its count or its total size are left out too. */
async function decodeRow({ encodedFiles, ...row }: ImportedRow, limits: AttachmentLimits): Promise<ImportedRow> {
  const files: ImportedFile[] = [];
  let totalBytes = 0;
  for (const file of encodedFiles ?? []) {
    if (files.length === limits.filesPerMessage) break;
    const decoded = file.data ? await decodeFile(file.name, file.data, limits.fileMegabytes * MEGABYTE) : null;
    if (!decoded || totalBytes + decoded.bytes.byteLength > limits.messageMegabytes * MEGABYTE) continue;
    files.push(decoded);
    totalBytes += decoded.bytes.byteLength;
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

export async function prepareImportedFiles(
  user: SessionUser,
  conversations: ConversationToImport[],
): Promise<ConversationToImport[]> {
  const limits = await getAttachmentLimits();
  const prepared: ConversationToImport[] = [];
  for (const conversation of conversations) {
    const messages: ImportedRow[] = [];
    for (const row of conversation.messages) messages.push(row.encodedFiles ? await decodeRow(row, limits) : row);
    const hasFiles = messages.some((row) => row.files?.length);
    prepared.push({ ...conversation, messages: hasFiles ? countWithFiles(messages) : messages });
  }
  const added = prepared
    .flatMap((conversation) => conversation.messages)
    .reduce((sum, row) => sum + (row.files ?? []).reduce((total, file) => total + file.bytes.byteLength, 0), 0);
  if (added > 0 && (await getStorageUsed(user.id)) + added > limits.storageMegabytes * MEGABYTE) {
    throw new AppError("storage_quota_exceeded", "The file's attachments do not fit in your storage.");
  }
  return prepared;
}
