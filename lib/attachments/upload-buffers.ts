// The buffers that uploads are read into, kept for the next uploads instead of a new one each time. V8 counts the
// memory of ArrayBuffers allocated since its last full collection against the limit of its old generation: an upload's
// 10 MB buffer lives through its read (about 0.3 s at the pace) and so is promoted, and one such buffer more filled
// the limit's slack on a ~60 MB heap. Each upload then started a full collection (mark-compact), 30-60 ms of the main
// thread in marking steps and a final pause of 8-20 ms, in the process that streams everyone's replies (`npm run
// bench`, "upload stall": one collection per upload, the pauses being the slowest deltas). A kept buffer is counted once.
// What it costs: up to KEPT_BUFFERS buffers (KEPT_BYTES in all) stay allocated, and as resident as the largest file
// read into each, until uploads have been idle for KEEP_IDLE_MS.
import { MEGABYTE } from "../limits";

/** Smaller bodies get a buffer of their own: they hardly move V8's limit. */
export const SMALLEST_KEPT_BYTES = MEGABYTE;
/** Uploads read at once that find a buffer waiting (more allocate one, as before). */
export const KEPT_BUFFERS = 2;
/** And at most this much kept in all: the buffers of files over the default limit are not all kept. */
export const KEPT_BYTES = 64 * MEGABYTE;
/** Kept buffers are let go after this long without an upload. */
export const KEEP_IDLE_MS = 30_000;

let kept: Buffer<ArrayBuffer>[] = [];
let letGoTimer: NodeJS.Timeout | undefined;

/** Sizes rounded up to a power of two, so that files of similar sizes reuse a buffer (pages never written stay free). */
function capacityFor(bytes: number): number {
  return 2 ** Math.ceil(Math.log2(bytes));
}

/**
 * A buffer of `bytes` bytes (contents undefined) to read an upload into; give it back with `giveBackUploadBuffer`
 * once nothing reads or writes it any more, or just drop it.
 */
export function takeUploadBuffer(bytes: number): Buffer<ArrayBuffer> {
  if (bytes < SMALLEST_KEPT_BYTES) return Buffer.allocUnsafe(bytes);
  // The smallest that fits: kept is sorted by size.
  const index = kept.findIndex((buffer) => buffer.byteLength >= bytes);
  const [buffer] = index === -1 ? [Buffer.allocUnsafeSlow(capacityFor(bytes))] : kept.splice(index, 1);
  return (buffer as Buffer<ArrayBuffer>).subarray(0, bytes);
}

/** Keeps `view`'s whole buffer for the next upload; the caller must not touch `view` afterwards. */
export function giveBackUploadBuffer(view: Uint8Array<ArrayBuffer>): void {
  const buffer = Buffer.from(view.buffer, 0, view.buffer.byteLength);
  if (buffer.byteLength < SMALLEST_KEPT_BYTES || buffer.byteLength > KEPT_BYTES) return;
  if (kept.some((other) => other.buffer === view.buffer)) return;
  kept = [...kept, buffer].sort((a, b) => a.byteLength - b.byteLength);
  // Beyond the count or the bytes, the smallest go: the largest serve every size.
  if (kept.length > KEPT_BUFFERS) kept = kept.slice(kept.length - KEPT_BUFFERS);
  while (kept.reduce((sum, other) => sum + other.byteLength, 0) > KEPT_BYTES) kept = kept.slice(1);
  clearTimeout(letGoTimer);
  letGoTimer = setTimeout(() => {
    kept = [];
  }, KEEP_IDLE_MS);
  letGoTimer.unref();
}

/** How many buffers are kept (tests). */
export function keptUploadBuffers(): number {
  return kept.length;
}
