// Collects the young generation after every few megabytes of upload read, so that the body's chunks are freed before
// they start a full collection. Node's HTTP parser hands each piece of a body over in a buffer of its own; V8 counts
// those buffers' memory until a young-generation collection (a scavenge) frees them, and counts memory allocated since
// its last full collection (mark-compact) against the old generation's limit. Paced at 32 MB/s, an upload's chunks
// outran the scavenges that the rest of the process's work brings about (one every 200-400 ms): the chunks filled
// the limit's slack (8-10 MB over a ~60 MB heap), and a full collection followed about every upload, 30-60 ms of the
// main thread in marking steps and a pause of 8-20 ms, in the process that streams everyone's replies (`npm run
// bench`, "upload stall"). A scavenge takes about 0.5-1 ms: a few per 10 MB replace that.
//
// Node only offers V8's collection to code when it was started with --expose-gc: the flag is set here for the contexts
// made from now on, and the function taken from one of them (the usual way to reach it at run time; it changes
// nothing else). Where that fails, reading goes on without it, as before.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Read bytes between two collections: well under the slack above. */
export const COLLECT_EVERY_BYTES = 3 * 1024 * 1024;

type Collect = (options: { type: "minor" }) => void;

let collect: Collect | null | undefined;
let readSinceCollection = 0;

function youngCollection(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString("--expose-gc");
    const exposed: unknown = runInNewContext("typeof gc === 'function' ? gc : null");
    collect = typeof exposed === "function" ? (exposed as Collect) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Counts `bytes` of upload read (all uploads together); every COLLECT_EVERY_BYTES, collects the young generation. */
export function noteUploadRead(bytes: number): void {
  readSinceCollection += bytes;
  if (readSinceCollection < COLLECT_EVERY_BYTES) return;
  readSinceCollection = 0;
  youngCollection()?.({ type: "minor" });
}
