// Structured logs (LOG_FORMAT=json): every line of the process as one JSON object through pino, with the id of the
// request it belongs to, and one line per HTTP request (method, path with secrets taken out, status, duration).
// What the app logs was already free of message text, keys and tokens (tests/integration/admin-secrets.test.ts);
// the request line adds no body, no query string and no header but the request id.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { formatWithOptions } from "node:util";
import pino, { type Logger } from "pino";

const requestContext = new AsyncLocalStorage<{ requestId: string }>();
const globalForLogs = globalThis as unknown as { parleyLogger?: Logger };

/**
 * Log lines with nowhere to go are dropped: when whatever read the process's output has gone (a supervisor, a
 * `| tee`), a write to it fails, and that failure must not stop the server or become a line to log. Unhandled, the
 * first failed write crashed a server still starting; once Next had set its handler of uncaught errors, which logs
 * them to the same output, each failure logged another, and the process spun at a whole core.
 */
export function dropLinesWhenOutputCloses(): void {
  for (const output of [process.stdout, process.stderr]) output.on("error", () => {});
}

/** Switches this process's console to JSON lines. */
export function switchToJsonLogs(): void {
  if (globalForLogs.parleyLogger) return;
  const logger = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { requestId: context.requestId } : {};
      },
    },
    // Synchronous: no worker thread, and nothing lost when the process exits right after a line.
    pino.destination({ sync: true }),
  );
  globalForLogs.parleyLogger = logger;
  const write =
    (level: "info" | "warn" | "error") =>
    (...args: unknown[]) =>
      logger[level](formatWithOptions({ colors: false }, ...args));
  console.log = write("info");
  console.info = write("info");
  console.warn = write("warn");
  console.error = write("error");
}

// A proxy's id is kept when it looks like one (nginx's $request_id, a UUID); anything else is replaced.
const REQUEST_ID = /^[\w.-]{8,64}$/;
// Row ids (cuid) and short words stay; any other segment may be a secret (a share link's or invitation's token).
const KEPT_SEGMENT = /^(c[a-z0-9]{24}|[\w.-]{0,24})$/;

/** The path without its query string, each segment that could be a secret replaced. */
export function pathForLog(url: string): string {
  const path = url.split("?")[0] ?? "";
  return path
    .split("/")
    .map((segment) => (KEPT_SEGMENT.test(segment) ? segment : ":redacted"))
    .join("/");
}

/** Runs the request with its id (X-Request-Id from a proxy, else a new one), echoed in the response. */
export function serveWithRequestId(request: IncomingMessage, response: ServerResponse, serve: () => void): void {
  const given = request.headers["x-request-id"];
  const requestId = typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader("X-Request-Id", requestId);
  const logger = globalForLogs.parleyLogger;
  if (logger) {
    const startedAt = performance.now();
    response.once("close", () => {
      const durationMs = Math.round(performance.now() - startedAt);
      const path = pathForLog(request.url ?? "");
      logger.info({ requestId, method: request.method, path, status: response.statusCode, durationMs }, "request");
    });
  }
  requestContext.run({ requestId }, serve);
}
