// The import worker's entry: reads one import file into rows, on a thread of its own, so that parsing and
// tokenizing tens of megabytes never stalls the replies and pages that the main thread serves meanwhile.
// Loaded from source by run-import.ts (through tsx), never bundled by Next.
import { parentPort, workerData } from "node:worker_threads";
import type { TokenEncoding } from "../chat/tokens";
import { AppError } from "../errors";
import { assertNoEscapedNul } from "../http/handler";
import { readImportRows } from "./import-rows";

// Rows go back a few hundred messages a message: the main thread decodes each message in one go, and 20 MB at once
// would stall it.
const MESSAGES_PER_POST = 250;

const { bytes, encoding } = workerData as { bytes: ArrayBuffer; encoding: TokenEncoding };
try {
  const text = new TextDecoder().decode(bytes);
  // The same rule as every JSON body (lib/http/handler.ts): PostgreSQL text cannot hold NUL.
  assertNoEscapedNul(text);
  for (const { messages, ...conversation } of readImportRows(text, encoding)) {
    parentPort?.postMessage({ conversation });
    for (let start = 0; start < messages.length; start += MESSAGES_PER_POST) {
      parentPort?.postMessage({ messages: messages.slice(start, start + MESSAGES_PER_POST) });
    }
  }
  parentPort?.postMessage({ isDone: true });
} catch (error) {
  // Only an AppError's code, message and issues are for the caller; anything else is reported as a crash.
  if (!(error instanceof AppError)) throw error;
  parentPort?.postMessage({ error: { code: error.code, message: error.message, issues: error.issues } });
}
