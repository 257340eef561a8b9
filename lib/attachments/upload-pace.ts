// How fast the server reads uploads, all of them together. Reading a file costs the server and PostgreSQL CPU in
// proportion to its bytes (hashing, copying, writing), and on a small machine uploads read as fast as the network
// allows took the cores that everyone's streaming replies need (`npm run bench`, "upload stall": with 10 MB uploads
// back to back, the server's main thread waited 350-500 ms a second for a core). Paced, an upload's work is spread
// out and a reply's next delta finds a core free. The pace is above what most networks deliver (256 Mbit/s): only
// a fast local network notices, and a 20 MB file then takes well under a second.
export const UPLOAD_BYTES_PER_SECOND = 32 * 1024 * 1024;
// What may be read ahead of the pace at once (a small file never waits).
const BURST_MS = 50;

/** When the bytes read so far are due at the pace; an idle moment does not bank time beyond the burst. */
let dueAt = 0;

/** Resolves once `bytes` more may be read; call after each chunk. */
export async function paceUpload(bytes: number): Promise<void> {
  const now = performance.now();
  dueAt = Math.max(dueAt, now - BURST_MS) + (bytes / UPLOAD_BYTES_PER_SECOND) * 1000;
  const ahead = dueAt - now;
  if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
}
