// PDF and DOCX text, read on a worker thread. PDF.js (through unpdf) and mammoth parse on the thread that calls
// them: a 4 MB PDF held the event loop for 0.85 s measured, stalling every reply the process was streaming. A worker
// per file (uploads of documents are rare next to replies), started from plain JavaScript so that no bundler
// follows it; the libraries load from node_modules, as serverExternalPackages leaves them.
import { Worker } from "node:worker_threads";
import { MEGABYTE } from "../limits";
import { createWorkerTurns } from "../worker-turns";
import { heldUploadBytes } from "./uploads-in-flight";

export type DocumentFormat = "pdf" | "docx";
/** A PDF's text page by page, or a DOCX's raw text; `error` when the library could not read the file. */
type WorkerAnswer = { pages: string[] } | { text: string } | { error: string };

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { format, bytes } = workerData;
(async () => {
  if (format === "pdf") {
    const { extractText } = await import("unpdf");
    const { text } = await extractText(new Uint8Array(bytes), { mergePages: false });
    return { pages: text };
  }
  const mammoth = await import("mammoth");
  const { value } = await (mammoth.default ?? mammoth).extractRawText({ buffer: Buffer.from(bytes) });
  return { text: value };
})().then(
  (answer) => parentPort.postMessage(answer),
  (error) => parentPort.postMessage({ error: String(error && error.message ? error.message : error) }),
);
`;

// A file the worker has not read by then is given up (a hostile file can make a parser slow): its turn always ends.
const WORKER_DEADLINE_MS = 60_000;
// PDF.js holds a file's objects in memory; a worker may not take the process's memory with it.
const WORKER_HEAP_MB = 1024;
// The heap's limit does not count buffers, and PDF.js inflates a stream whole into one: a 1.5 MB PDF whose page
// inflates to 1.5 GB took 3 GB of the process. So the process's resident memory is watched while a worker reads,
// and a reader that grows it by more than this is stopped (within a check's interval of inflating). What uploads
// started meanwhile hold (uploads-in-flight.ts) is not the reader's, and is left out.
const WORKER_MEMORY_GROWTH_BYTES = 768 * MEGABYTE;
const MEMORY_CHECK_MS = 50;

/** A file whose reading took more memory (or time) than any document's needs: refused, not "unreadable". */
export class DocumentTooLargeError extends Error {}
// Each worker takes a core while it reads: more documents at once wait their turn.
const workerTurns = createWorkerTurns(2);

function runWorker(format: DocumentFormat, bytes: Uint8Array): Promise<WorkerAnswer> {
  // A copy of its own, moved to the worker: the parsers take ownership of what they are given, and the stored bytes
  // stay intact.
  const own = new Uint8Array(bytes).buffer;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { format, bytes: own },
      transferList: [own],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const deadline = setTimeout(() => {
      reject(new DocumentTooLargeError(`Reading the ${format} took over ${WORKER_DEADLINE_MS / 1000} s`));
      void worker.terminate();
    }, WORKER_DEADLINE_MS);
    const baseline = process.memoryUsage.rss() - heldUploadBytes();
    const memoryWatch = setInterval(() => {
      if (process.memoryUsage.rss() - heldUploadBytes() - baseline <= WORKER_MEMORY_GROWTH_BYTES) return;
      reject(new DocumentTooLargeError(`Reading the ${format} took over ${WORKER_MEMORY_GROWTH_BYTES / MEGABYTE} MB`));
      void worker.terminate();
    }, MEMORY_CHECK_MS);
    worker.once("message", (answer: WorkerAnswer) => {
      resolve(answer);
      void worker.terminate();
    });
    // A worker past its heap's limit is a file too large to read, not an unreadable one.
    worker.once("error", (error: Error & { code?: string }) =>
      reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new DocumentTooLargeError(error.message) : error),
    );
    // After an answer this changes nothing (a promise settles once); without one, the worker died.
    worker.once("exit", (exitCode) => {
      clearTimeout(deadline);
      clearInterval(memoryWatch);
      reject(new Error(`The ${format} reader stopped (exit ${exitCode})`));
    });
  });
}

async function readOffThread(format: DocumentFormat, bytes: Uint8Array): Promise<WorkerAnswer> {
  const answer = await workerTurns.run(() => runWorker(format, bytes));
  if ("error" in answer) throw new Error(answer.error);
  return answer;
}

/** A PDF's text, page by page. Throws when PDF.js cannot read it. */
export async function readPdfPages(bytes: Uint8Array): Promise<string[]> {
  const answer = await readOffThread("pdf", bytes);
  return "pages" in answer ? answer.pages : [];
}

/** A DOCX's raw text (a paragraph per line). Throws when mammoth cannot read it. */
export async function readDocxText(bytes: Uint8Array): Promise<string> {
  const answer = await readOffThread("docx", bytes);
  return "text" in answer ? answer.text : "";
}
