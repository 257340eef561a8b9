// A file's bytes go to PostgreSQL's socket a slice at a time, the event loop free between slices. Written whole, a
// 10 MB Bind went out in one writev of up to the whole file: the kernel copied it, and ran loopback's delivery, for
// 2.8-3.8 ms measured (0.7-1 ms per 4 MB when the socket took less), on the thread that streams everyone's replies
// (`npm run bench`, "upload stall"). A slice is a view of the file (no copy); the next goes once the socket took the
// last and other callbacks had their turn. Whatever node-postgres writes meanwhile (the rest of the query, or its
// end) waits and follows in order: the bytes on the wire are the same.
import type { Duplex } from "node:stream";

/** Bytes per write: a syscall of well under a millisecond. */
export const SLICE_BYTES = 256 * 1024;

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/** The next turn of the event loop, after the I/O callbacks that are due. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves once `stream` took `chunk` (or failed, or closed: the connection's error then fails the query). */
function writeOne(stream: Duplex, write: Write, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("close", done);
      resolve();
    };
    stream.once("close", done);
    write.call(stream, chunk, done);
  });
}

/**
 * Writes `head` now and `pieces` in slices over the next turns of the event loop; writes to `stream` from anyone else
 * meanwhile are held and follow in order. A stream that closes meanwhile takes nothing more.
 */
export function writeInSlices(stream: Duplex, head: Uint8Array[], pieces: Uint8Array[]): void {
  const writable = stream as unknown as { write: Write };
  const write = writable.write;
  for (const piece of head) write.call(stream, piece);
  const held: Parameters<Write>[] = [];
  writable.write = (...args: Parameters<Write>) => {
    held.push(args);
    return true;
  };
  void (async () => {
    try {
      for (const piece of pieces) {
        for (let offset = 0; offset < piece.byteLength; offset += SLICE_BYTES) {
          await nextTurn();
          if (!stream.writable) return;
          await writeOne(stream, write, piece.subarray(offset, offset + SLICE_BYTES));
        }
      }
    } finally {
      // Own property removed: the stream's prototype method is in place again.
      delete (stream as { write?: unknown }).write;
      if (writable.write !== write) writable.write = write;
      if (stream.writable) for (const args of held) write.apply(stream, args);
    }
  })();
}
