// While the database is down, every request that needs it fails the same way: a page render, a route, a readiness
// probe. Each logged its error (Next logs a page's with its stack, twice), about thirty lines a second on a busy
// server, burying whatever else happened. One short line says it instead, at most every ten seconds, with how many
// failures it stands for.
import { AsyncLocalStorage } from "node:async_hooks";
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";
import { isOutageError } from "../db/database-unavailable";
import { metrics } from "./metrics";

const QUIET_MS = 10_000;
const globalForOutage = globalThis as unknown as { parleyOutageLog?: { lastLineAt: number; failures: number } };
globalForOutage.parleyOutageLog ??= { lastLineAt: Number.NEGATIVE_INFINITY, failures: 0 };
const state = globalForOutage.parleyOutageLog;

/** The first line of the innermost cause's message (or its code): why the database could not be reached. */
function reasonOf(error: unknown): string {
  let innermost = error;
  for (let depth = 0; depth < 6; depth++) {
    const cause = (innermost as { cause?: unknown } | null)?.cause;
    if (cause === undefined || cause === null) break;
    innermost = cause;
  }
  const { code, message } = (innermost ?? {}) as { code?: unknown; message?: unknown };
  const firstLine = typeof message === "string" ? (message.split("\n").find((line) => line.trim()) ?? "") : "";
  return (typeof code === "string" && !firstLine.includes(code) ? `${code}: ${firstLine}` : firstLine).slice(0, 200);
}

/** A request answered 503 because the database cannot be reached: counted, and said in one line now and then. */
export function logDatabaseOutage(error: unknown): void {
  metrics().databaseUnreachableRequests.inc();
  noteOutage(error);
}

function noteOutage(error: unknown): void {
  state.failures += 1;
  const now = Date.now();
  if (now - state.lastLineAt < QUIET_MS) return;
  const { failures } = state;
  state.lastLineAt = now;
  state.failures = 0;
  const reason = reasonOf(error);
  const since = `${failures} request(s) told to try again since the last such line`;
  console.warn(`The database cannot be reached${reason ? ` (${reason})` : ""}: ${since}.`);
}

/**
 * Next logs an error thrown while rendering a page with console.error, stack included: an outage's goes into the
 * one line instead. Any other error is logged as it was.
 */
export function logOutagesInOneLine(): void {
  const logError = console.error;
  console.error = (...args: unknown[]) => {
    // Into the line, not the 503 count: Next reports one failed render twice.
    if (args.some((arg) => arg instanceof Error && isOutageError(arg))) {
      noteOutage(args.find((arg) => arg instanceof Error));
      const page = pageScope.getStore();
      if (page) page.isDatabaseUnreachable = true;
      return;
    }
    logError(...args);
  };
}

const pageScope = new AsyncLocalStorage<{ isDatabaseUnreachable: boolean }>();
const RETRY_AFTER_SECONDS = "5";

/**
 * Serves a request with Next. A page whose render failed for want of the database goes out as 503 with Retry-After,
 * like an API call's answer, instead of Next's 500: a load balancer or a monitor tells an outage from a bug.
 */
export function servePageAnsweringOutagesAs503(response: ServerResponse, serve: () => void): void {
  const scope = { isDatabaseUnreachable: false };
  const writeHead = response.writeHead;
  // Node's implicit headers go through writeHead too, so a status set on `statusCode` is caught as well.
  response.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    if (!scope.isDatabaseUnreachable || statusCode < 500) {
      return writeHead.apply(this, [statusCode, ...rest] as Parameters<typeof writeHead>);
    }
    this.setHeader("Retry-After", RETRY_AFTER_SECONDS);
    // The status text it came with ("Internal Server Error") goes: Node names 503's.
    const headers = rest.find((argument) => typeof argument === "object") as OutgoingHttpHeaders | undefined;
    return writeHead.call(this, 503, headers);
  } as typeof response.writeHead;
  pageScope.run(scope, serve);
}
