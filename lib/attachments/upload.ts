// An upload: the body is read as it streams and cut off at the size limit (a 413 before anything is stored), the
// type is sniffed from the bytes, a document's text is extracted, and the row is written within the owner's quota.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { SessionUser } from "../auth/session";
import { type AttachmentView, createAttachment } from "../db/attachments";
import { AppError } from "../errors";
import { parseInput } from "../http/handler";
import { type AttachmentLimits, MAX_FILE_NAME_LENGTH, MEGABYTE } from "../limits";
import { getAttachmentLimits } from "./attachment-limits";
import { extractDocumentText } from "./extract-text";
import { withoutImageMetadata } from "./image-metadata";
import { readImageSize } from "./image-size";
import { estimateImageTokens } from "./image-tokens";
import { noteUploadRead } from "./read-chunk-collection";
import { sniffFile } from "./sniff";
import { giveBackUploadBuffer, takeUploadBuffer } from "./upload-buffers";
import { paceUpload } from "./upload-pace";
import { holdUploadMemory, UPLOAD_IDLE_MS } from "./uploads-in-flight";

export const uploadQuerySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "Name the file.")
    .max(MAX_FILE_NAME_LENGTH, `File names are limited to ${MAX_FILE_NAME_LENGTH} characters.`)
    // A backslash is allowed, as Linux and macOS names may hold one: the download's names replace or percent-encode it
    // (serve-file.ts), so it never reaches a Windows path.
    .refine((name) => !/[\0/]/.test(name), "Not a file name."),
});

function tooLarge(megabytes: number): AppError {
  return new AppError("payload_too_large", `Files are limited to ${megabytes} MB.`, {
    details: { maxBytes: megabytes * MEGABYTE },
  });
}

/**
 * The request's body as it arrives, the length it declared (0 when it declared none), and how to drop it (its
 * connection) when it stalls.
 */
export type UploadBody = { chunks: AsyncIterable<Uint8Array>; declaredLength: number; drop: (error: Error) => void };

/**
 * The body and its SHA-256, refused once it passes the limit: never more than the limit is held in memory. Each
 * chunk is hashed and copied into one buffer (sized by the declared length) as it arrives, so that neither hashing
 * nor gathering a large file holds the event loop at once (one 10 MB copy at the end took 7-10 ms). The buffer is
 * one kept from earlier uploads when there is one (upload-buffers.ts says why), and the chunks are collected young
 * (read-chunk-collection.ts): neither starts a full garbage collection.
 */
async function readLimited(
  body: UploadBody,
  megabytes: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; sha256: string }> {
  const limit = megabytes * MEGABYTE;
  const hash = createHash("sha256");
  // A chunked body (no declared length) is at most 1 MB (lib/server/body-limit.ts): it grows by doubling.
  let bytes = takeUploadBuffer(Math.min(body.declaredLength, limit) || 64 * 1024);
  let size = 0;
  const stalled = () =>
    body.drop(new AppError("invalid_input", `Nothing of the file came for ${UPLOAD_IDLE_MS / 1000} s.`));
  const idle = setTimeout(stalled, UPLOAD_IDLE_MS);
  try {
    for await (const chunk of body.chunks) {
      idle.refresh();
      // Leaving the loop destroys the request's stream: nothing more of it is read.
      if (size + chunk.byteLength > limit) throw tooLarge(megabytes);
      if (size + chunk.byteLength > bytes.byteLength) {
        const grown = Buffer.allocUnsafe(Math.min(limit, Math.max(2 * bytes.byteLength, size + chunk.byteLength)));
        bytes.copy(grown, 0, 0, size);
        bytes = grown;
      }
      bytes.set(chunk, size);
      size += chunk.byteLength;
      hash.update(chunk);
      // The chunk is done with: its memory goes at the next young collection (read-chunk-collection.ts says why).
      noteUploadRead(chunk.byteLength);
      // Waiting here stops the socket's reading (backpressure): the sender slows down with it.
      await paceUpload(chunk.byteLength);
      idle.refresh();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // The sender went away: its socket's ECONNRESET is not the database's, nor a failure to log.
    throw new AppError("invalid_input", "The upload ended before the whole file came.", { cause: error });
  } finally {
    clearTimeout(idle);
  }
  return { bytes: bytes.subarray(0, size), sha256: hash.digest("hex") };
}

export async function uploadAttachment(user: SessionUser, body: UploadBody, name: string): Promise<AttachmentView> {
  // The server's body cap (lib/server/body-limit.ts) stopped anything over the ceiling; this is the admin's limit.
  const limits = await getAttachmentLimits();
  if (body.declaredLength > limits.fileMegabytes * MEGABYTE) throw tooLarge(limits.fileMegabytes);
  // Held from the first byte read until the file is stored or refused (a chunked body is at most 1 MB).
  const perUser = Math.max(limits.messageMegabytes, limits.fileMegabytes) * MEGABYTE;
  const release = holdUploadMemory(user.id, body.declaredLength || MEGABYTE, perUser);
  try {
    const { bytes, sha256 } = await readLimited(body, limits.fileMegabytes);
    const attachment = await storeUpload(user, { bytes, sha256, name }, limits);
    // Written and committed: nothing holds the bytes any more. After a failure the buffer is left to the collector
    // instead, as a write that failed half-way might still be sending from it.
    giveBackUploadBuffer(bytes);
    return attachment;
  } finally {
    release();
  }
}

async function storeUpload(
  user: SessionUser,
  { bytes: received, sha256: receivedSha256, name }: { bytes: Uint8Array<ArrayBuffer>; sha256: string; name: string },
  limits: AttachmentLimits,
): Promise<AttachmentView> {
  if (received.byteLength === 0) throw new AppError("empty_file", `${name} is empty.`);
  const sniffed = sniffFile(received);
  if (!sniffed) {
    throw new AppError(
      "unsupported_file",
      `${name} is not a file Parley can read: use images, PDF, Word (DOCX) or text files.`,
    );
  }
  // An image stored without its metadata is stored under the hash of what is stored (files are kept once by it),
  // hashed on libuv's threads: a large photo sent as it came (not re-encoded by the browser) holds no event loop.
  const bytes = sniffed.kind === "IMAGE" ? withoutImageMetadata(received, sniffed.contentType) : received;
  const sha256 =
    bytes === received ? receivedSha256 : Buffer.from(await crypto.subtle.digest("SHA-256", bytes)).toString("hex");
  // A text file's text is its bytes: written as they are, never decoded here (file-writes.ts).
  const textIsBytes = sniffed.contentType === "text/plain; charset=utf-8";
  // A user's documents are read one at a time, and as many at once as a message may carry (the composer uploads a
  // message's files all at once); past it, 429.
  const reader = { userId: user.id, maxAtOnce: limits.filesPerMessage };
  const text =
    sniffed.kind === "DOCUMENT" && !textIsBytes
      ? await extractDocumentText(bytes, sniffed.contentType, name, reader)
      : null;
  // Documents are counted again with the model's own tokenizer when sent; this figure is the image estimate.
  const tokenCount = sniffed.kind === "IMAGE" ? estimateImageTokens(readImageSize(bytes, sniffed.contentType)) : 0;
  return createAttachment(
    {
      ownerId: user.id,
      name,
      kind: sniffed.kind,
      contentType: sniffed.contentType,
      bytes,
      sha256,
      text,
      textIsBytes,
      tokenCount,
    },
    limits.storageMegabytes * MEGABYTE,
  );
}

export function parseUploadName(query: URLSearchParams): string {
  return parseInput(uploadQuerySchema, Object.fromEntries(query)).name;
}
