// PDF and DOCX text, read on a worker thread. PDF.js (through unpdf) and mammoth parse on the thread that calls
// them: a 4 MB PDF held the event loop for 0.85 s measured, stalling every reply the process was streaming. A worker
// per file (uploads of documents are rare next to replies), started from plain JavaScript so that no bundler
// follows it; the libraries load from node_modules, as serverExternalPackages leaves them.
import { Worker } from "node:worker_threads";
import { AppError } from "../errors";
import { MEGABYTE } from "../limits";
import { createWorkerTurns } from "../worker-turns";
import { heldUploadBytes } from "./uploads-in-flight";

export type DocumentFormat = "pdf" | "docx";
/**
 * A PDF's text page by page, or a DOCX's raw text; `error` when the library could not read the file, `isTooMuchText`
 * when the text came to more than `maxChars`.
 */
type WorkerAnswer = { pages: string[] } | { text: string } | { error: string } | { isTooMuchText: true };

// A PDF's pages are read one after the other, each page's text as PDF.js streams it (what unpdf's extractText
// joins, the same way), so that a file whose text passes the cap is stopped as soon as it does, even within a page:
// a page that draws one Form XObject 300,000 times is text without end from 5 KB of file.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { format, bytes, maxChars } = workerData;
const TOO_MUCH_TEXT = { isTooMuchText: true };
async function readPdf() {
  const { getDocumentProxy } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages = [];
  let chars = 0;
  for (let number = 1; number <= pdf.numPages; number++) {
    const reader = (await pdf.getPage(number)).streamTextContent().getReader();
    let page = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const item of value.items) if (item.str != null) page += item.str + (item.hasEOL ? "\\n" : "");
      if (chars + page.length > maxChars) return TOO_MUCH_TEXT;
    }
    chars += page.length;
    pages.push(page);
  }
  return { pages };
}
(async () => {
  if (format === "pdf") return readPdf();
  const mammoth = await import("mammoth");
  const { value } = await (mammoth.default ?? mammoth).extractRawText({ buffer: Buffer.from(bytes) });
  return value.length > maxChars ? TOO_MUCH_TEXT : { text: value };
})().then(
  (answer) => parentPort.postMessage(answer),
  (error) => parentPort.postMessage({ error: String(error && error.message ? error.message : error) }),
);
`;

// A file the worker has not read by then is given up (a hostile file can make a parser slow: a page that draws a
// Form XObject 300,000 times took 60 s from 4.8 KB), so that its turn always ends, and soon for a small file: a few
// seconds, and a few more per megabyte, up to a minute. Measured on a 2-core machine (one reader; the worker's start
// and loading the library included): ordinary PDFs (manuals of 140-260 KB) 0.4-0.5 s; a text-only PDF, deflated,
// of 400 pages and 2.2 million characters (0.9 MB) 1.2-1.9 s; 8,900 such pages (20 MB) 40 s for 49 million
// characters, but text stops at MAX_TEXT_CHARS, reached after 7-10 s of any file (the same at 20 MB uncompressed:
// 6.5 s); a 12.5 MB DOCX of 48 million characters 4.8 s. So 5 s and 8 s per MB: 4-10 times what those took, for
// a machine busy with other work meanwhile.
const WORKER_BASE_DEADLINE_MS = 5_000;
const WORKER_DEADLINE_MS_PER_MEGABYTE = 8_000;
const WORKER_MAX_DEADLINE_MS = 60_000;
// The text a document may give, at most: this many characters per byte of the file, and MAX_TEXT_CHARS in all. A
// file's text is stored beside it but not counted in its owner's storage, and a few hostile kilobytes gave
// millions of characters (the XObject above: 1,600 per byte). Measured (characters per byte of file): ordinary PDFs
// 0.25, text-only PDFs 0.9-2.5, a table of numbers 3.8, a PDF of one sentence on every line of 200 pages 12, a
// DOCX of 48 million characters 3.7; a file over 32 is repetition made to be, such as one sentence 120,000 times
// in a DOCX (208).
const TEXT_CHARS_PER_BYTE = 32;
// About 2.5 million tokens: more than the largest context window of any model (2 million tokens), so such a text
// could never be sent whole anyway.
const MAX_TEXT_CHARS = 10_000_000;
// PDF.js holds a file's objects in memory; a worker may not take the process's memory with it.
const WORKER_HEAP_MB = 1024;
// The heap's limit does not count buffers, and PDF.js inflates a stream whole into one: a 1.5 MB PDF whose page
// inflates to 1.5 GB took 3 GB of the process. So the process's resident memory is watched while a worker reads,
// and a reader that grows it by more than this is stopped (within a check's interval of inflating). What uploads
// started meanwhile hold (uploads-in-flight.ts) is not the reader's, and is left out.
const WORKER_MEMORY_GROWTH_BYTES = 768 * MEGABYTE;
const MEMORY_CHECK_MS = 50;

/** A file whose reading took more memory, time or text than any document's needs: refused, not "unreadable". */
export class DocumentTooLargeError extends Error {}
/** An import's reading time ran out while, or before, this file was read (import-files.ts refuses the import). */
export class ReadingBudgetSpentError extends Error {}

/** Whose document is read, and what may be read for them. */
export type DocumentReader = {
  userId: string;
  /** How many of the user's documents may be read or wait at once; past it the next is refused (429). */
  maxAtOnce: number;
  /** An import's reading time left, in ms: each of its documents spends what its reading took. */
  budget?: { remainingMs: number };
};

// Each worker takes a core while it reads: more documents at once wait their turn, a user's one at a time
// (worker-turns.ts), so that one user's files never hold both workers while others' wait.
const workerTurns = createWorkerTurns(2);

function fileDeadlineMs(bytes: Uint8Array): number {
  const perSize = (bytes.byteLength / MEGABYTE) * WORKER_DEADLINE_MS_PER_MEGABYTE;
  return Math.min(WORKER_BASE_DEADLINE_MS + perSize, WORKER_MAX_DEADLINE_MS);
}

function runWorker(
  format: DocumentFormat,
  bytes: Uint8Array,
  budget: { remainingMs: number } | undefined,
): Promise<WorkerAnswer> {
  const fileDeadline = fileDeadlineMs(bytes);
  const deadlineMs = Math.min(fileDeadline, budget?.remainingMs ?? fileDeadline);
  const maxChars = Math.min(TEXT_CHARS_PER_BYTE * bytes.byteLength, MAX_TEXT_CHARS);
  // A copy of its own, moved to the worker: the parsers take ownership of what they are given, and the stored bytes
  // stay intact.
  const own = new Uint8Array(bytes).buffer;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { format, bytes: own, maxChars },
      transferList: [own],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const deadline = setTimeout(() => {
      const message = `Reading the ${format} took over ${deadlineMs / 1000} s`;
      reject(deadlineMs < fileDeadline ? new ReadingBudgetSpentError(message) : new DocumentTooLargeError(message));
      void worker.terminate();
    }, deadlineMs);
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

/** The time the worker took is spent from an import's budget, whatever the answer. */
async function runWithinBudget(format: DocumentFormat, bytes: Uint8Array, reader: DocumentReader) {
  const { budget } = reader;
  if (budget && budget.remainingMs <= 0) throw new ReadingBudgetSpentError("No reading time left");
  const start = performance.now();
  try {
    return await runWorker(format, bytes, budget);
  } catch (error) {
    // The deadline's timer may fire a fraction of a millisecond before the clock says the time is up (seen on a busy
    // machine: 0.085 ms left, and the next reading let through): a budget the deadline spent is spent.
    if (budget && error instanceof ReadingBudgetSpentError) budget.remainingMs = 0;
    throw error;
  } finally {
    if (budget) budget.remainingMs -= performance.now() - start;
  }
}

async function readOffThread(format: DocumentFormat, bytes: Uint8Array, reader: DocumentReader): Promise<WorkerAnswer> {
  // Checked and queued at once (nothing awaits in between): no two uploads can both take the last place.
  if (workerTurns.countOf(reader.userId) >= reader.maxAtOnce) {
    throw new AppError(
      "too_many_documents",
      `${reader.maxAtOnce} of your documents are being read or waiting, as many as one message may carry (they are read one at a time). Try again once one is read.`,
    );
  }
  const answer = await workerTurns.run(() => runWithinBudget(format, bytes, reader), reader.userId);
  if ("error" in answer) throw new Error(answer.error);
  if ("isTooMuchText" in answer) throw new DocumentTooLargeError(`The ${format}'s text is over the cap`);
  return answer;
}

/** A PDF's text, page by page. Throws when PDF.js cannot read it. */
export async function readPdfPages(bytes: Uint8Array, reader: DocumentReader): Promise<string[]> {
  const answer = await readOffThread("pdf", bytes, reader);
  return "pages" in answer ? answer.pages : [];
}

/** A DOCX's raw text (a paragraph per line). Throws when mammoth cannot read it. */
export async function readDocxText(bytes: Uint8Array, reader: DocumentReader): Promise<string> {
  const answer = await readOffThread("docx", bytes, reader);
  return "text" in answer ? answer.text : "";
}
