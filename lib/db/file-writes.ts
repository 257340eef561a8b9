// The write of an upload's bytes and text, through node-postgres directly rather than Prisma. Prisma carries a
// parameter through its query compiler as JSON (bytes as base64): for a 10 MB file that was three to four times the
// CPU of the write itself and several copies of the file in memory, in the process that also streams everyone's
// replies (`npm run bench`, "upload stall"). node-postgres sends the bytes as a binary parameter and the text as is.
import "server-only";
import pg from "pg";
import { requireEnv } from "../env";
import type { AttachmentView, NewAttachment } from "./attachments";
import { connectionOptionsFromUrl } from "./connection-options";
import { rethrowIfDatabaseUnavailable } from "./database-unavailable";
import { createId } from "./ids";

const globalForFiles = globalThis as unknown as { parleyFilePool?: pg.Pool };

// A pool of its own, of a few connections: an upload holds its connection while megabytes travel, and must never
// take the connections a chat turn waits for. Uploads are rare next to everything else; more wait for one.
function filePool(): pg.Pool {
  globalForFiles.parleyFilePool ??= new pg.Pool({
    ...connectionOptionsFromUrl(requireEnv("DATABASE_URL")),
    // UTC like the app's pool (lib/db/client.ts): the rows' timestamps are UTC without a zone.
    options: "-c TimeZone=UTC",
    max: 4,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  return globalForFiles.parleyFilePool;
}

/**
 * Writes an upload in one transaction: its content (once per SHA-256, lib/db/attachments.ts), its row, and then
 * `checkQuota` (the owner's lock and sum, run on the same connection); a throw rolls everything back.
 */
export async function writeUpload(
  input: NewAttachment,
  checkQuota: (query: (sql: string, values: unknown[]) => Promise<unknown[]>) => Promise<void>,
): Promise<AttachmentView> {
  const client = await filePool().connect().catch(rethrowIfDatabaseUnavailable);
  const query = async (sql: string, values: unknown[]) => (await client.query(sql, values)).rows as unknown[];
  try {
    await client.query("BEGIN");
    const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    // The no-op update locks an existing content's row until COMMIT (see storeContents).
    await query(
      `INSERT INTO "AttachmentContent" (sha256, bytes, size) VALUES ($1, $2, $3)
       ON CONFLICT (sha256) DO UPDATE SET refs = "AttachmentContent".refs`,
      [input.sha256, bytes, bytes.byteLength],
    );
    const [row] = (await query(
      `INSERT INTO "Attachment" (id, "ownerId", name, kind, "contentType", size, sha256, text, "tokenCount", "createdAt")
       VALUES ($1, $2, $3, $4::"AttachmentKind", $5, $6, $7, $8, $9, now())
       RETURNING id, name, kind::text AS kind, "contentType", size`,
      [
        createId(),
        input.ownerId,
        input.name,
        input.kind,
        input.contentType,
        bytes.byteLength,
        input.sha256,
        // A text file's text goes as its bytes (a binary parameter is the text's bytes for a text column): no
        // decoding of the whole file into a string and encoding it back on the way to the database.
        input.textIsBytes ? bytes : input.text,
        input.tokenCount,
      ],
    )) as AttachmentView[];
    if (!row) throw new Error("Writing the upload returned no row");
    await checkQuota(query);
    await client.query("COMMIT");
    return row;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    rethrowIfDatabaseUnavailable(error);
  } finally {
    client.release();
  }
}
