// Runs import-worker.ts on a worker thread: the file's bytes go in (moved, not copied), the rows to insert come back.
import { Worker } from "node:worker_threads";
import type { TokenEncoding } from "../chat/tokens";
import type { ConversationToImport, ImportedRow } from "../db/conversation-import";
import { AppError, type ErrorCode, type FieldIssue } from "../errors";
import { createWorkerTurns } from "../worker-turns";

/** What import-worker.ts posts: each conversation, then its messages in slices, then that it is done; or an error. */
type WorkerMessage =
  | { conversation: Omit<ConversationToImport, "messages"> }
  | { messages: ImportedRow[] }
  | { isDone: true }
  | { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

// The worker's whole source, so that no bundler follows it: it loads import-worker.ts through tsx, from the working
// directory, the app's root where the launcher runs (see Dockerfile), as the launcher loads lib/. (Workers do not
// inherit the main thread's module hooks, and Next, given a worker file, would bundle tsx and its native esbuild.)
const WORKER_SOURCE = `
const { pathToFileURL } = require("node:url");
import("tsx/esm/api").then(({ tsImport }) =>
  tsImport("./lib/conversations/import-worker.ts", pathToFileURL(process.cwd() + "/").href));
`;

// Each worker takes a core and a few hundred megabytes for a large file: more imports at once wait their turn, and
// each waiting one holds its file in memory, so only a few may wait.
const MAX_RUNNING_WORKERS = 2;
const MAX_WAITING_IMPORTS = 4;
// A file the worker has not read by then is refused (hostile input, such as one huge unbroken word, makes the
// tokenizer slow): a worker's turn always ends. 50 MB of ordinary conversations take well under a minute.
const WORKER_DEADLINE_MS = 3 * 60_000;
// A 50 MB file parses into a few hundred megabytes of objects; a worker may not take the process's memory with it.
const WORKER_HEAP_MB = 2048;
const workerTurns = createWorkerTurns(MAX_RUNNING_WORKERS);

/** `file`: the JSON bytes, which are moved to the worker: unusable here afterwards. */
export async function readImportRowsOffThread(
  file: Uint8Array,
  encoding: TokenEncoding,
): Promise<ConversationToImport[]> {
  if (workerTurns.waitingCount() >= MAX_WAITING_IMPORTS) {
    throw new AppError("rate_limited", "Other imports are being read right now. Try again in a minute.");
  }
  return workerTurns.run(() => runWorker(file, encoding));
}

/** The bytes on an ArrayBuffer of their own, which can be transferred (a small Buffer shares Node's pool). */
function ownBuffer(file: Uint8Array): ArrayBuffer {
  const { buffer, byteOffset, byteLength } = file;
  if (buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength) return buffer;
  // A copy (Buffer's own slice() would share the memory, and transferring it would detach Node's pool).
  return new Uint8Array(file).buffer;
}

function runWorker(file: Uint8Array, encoding: TokenEncoding): Promise<ConversationToImport[]> {
  const bytes = ownBuffer(file);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes, encoding },
      transferList: [bytes],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const deadline = setTimeout(() => {
      reject(new AppError("payload_too_large", "This file takes too long to read. Split it into smaller files."));
      void worker.terminate();
    }, WORKER_DEADLINE_MS);
    worker.once("exit", () => clearTimeout(deadline));
    const rows: ConversationToImport[] = [];
    worker.on("message", (message: WorkerMessage) => {
      if ("conversation" in message) rows.push({ ...message.conversation, messages: [] });
      else if ("messages" in message) rows.at(-1)?.messages.push(...message.messages);
      else if ("isDone" in message) resolve(rows);
      else reject(new AppError(message.error.code, message.error.message, { issues: message.error.issues }));
    });
    worker.once("error", (cause) => reject(new AppError("internal", "The import failed.", { cause })));
    // After an answer this changes nothing (a promise settles once); without one, the worker died.
    worker.once("exit", (exitCode) => {
      reject(new AppError("internal", "The import failed.", { cause: `worker exit ${exitCode}` }));
    });
  });
}
