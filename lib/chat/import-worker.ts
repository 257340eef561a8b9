// The import worker's entry: reads one import file into rows, on a thread of its own, so that parsing and
// tokenizing tens of megabytes never stalls the replies and pages that the main thread serves meanwhile.
// Loaded from source by run-import.ts (through tsx), never bundled by Next.
import { parentPort, workerData } from "node:worker_threads";
import { AppError } from "../errors";
import { assertNoEscapedNul } from "../http/handler";
import { readImportRows } from "./import-rows";
import type { TokenEncoding } from "./tokens";

const { bytes, encoding } = workerData as { bytes: ArrayBuffer; encoding: TokenEncoding };
try {
  const text = new TextDecoder().decode(bytes);
  // The same rule as every JSON body (lib/http/handler.ts): PostgreSQL text cannot hold NUL.
  assertNoEscapedNul(text);
  parentPort?.postMessage({ rows: readImportRows(text, encoding) });
} catch (error) {
  // Only an AppError's code, message and issues are for the caller; anything else is reported as a crash.
  if (!(error instanceof AppError)) throw error;
  parentPort?.postMessage({ error: { code: error.code, message: error.message, issues: error.issues } });
}
