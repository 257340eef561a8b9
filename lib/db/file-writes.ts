// The transaction of an upload's write, through node-postgres directly rather than Prisma. Prisma carries a
// parameter through its query compiler as JSON (bytes as base64): for a 10 MB file that was three to four times the
// CPU of the write itself and several copies of the file in memory, in the process that also streams everyone's
// replies (`npm run bench`, "upload stall"). node-postgres sends a Buffer as a binary parameter and text as is; on
// these connections a large Buffer goes to the socket without being copied into the message (piecewise-bind.ts).
import "server-only";
import type pg from "pg";
import type { RunQuery } from "./attachments";
import { createDatabasePool } from "./client";
import { rethrowIfDatabaseUnavailable } from "./database-unavailable";
import { writeLargeBindsInPieces } from "./piecewise-bind";

const globalForFiles = globalThis as unknown as { parleyFilePool?: pg.Pool };

// A pool of its own, of a few connections: an upload holds its connection while megabytes travel, and must never
// take the connections a chat turn waits for. Uploads are rare next to everything else; more wait for one.
function filePool(): pg.Pool {
  if (!globalForFiles.parleyFilePool) {
    const files = createDatabasePool({ max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    files.on("connect", (client) => writeLargeBindsInPieces(client.connection));
    globalForFiles.parleyFilePool = files;
  }
  return globalForFiles.parleyFilePool;
}

/** Runs `work` in one transaction on the uploads' pool: a throw rolls everything back. */
export async function inUploadTransaction<T>(work: (run: RunQuery) => Promise<T>): Promise<T> {
  const client = await filePool().connect().catch(rethrowIfDatabaseUnavailable);
  const run: RunQuery = async (sql, values) => (await client.query(sql, values)).rows;
  try {
    await client.query("BEGIN");
    const result = await work(run);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    rethrowIfDatabaseUnavailable(error);
  } finally {
    client.release();
  }
}
