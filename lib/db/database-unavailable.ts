// Tells a database that cannot be reached (stopped, restarting, network gone) from every other database error, so
// that callers answer "try again" (503) instead of treating it as "no such user" or "signed out". The error comes
// in several shapes: Prisma's codes, the driver adapter's kinds, pg's socket and server errors, or bare messages.
import { AppError } from "../errors";

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed the connection.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, starting up), 53300 (too many connections).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const MESSAGES = [
  /connection terminated/i,
  /can't reach database server/i,
  /server has closed the connection/i,
  /timeout exceeded when trying to connect/i,
  /connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

type Inspectable = {
  name?: unknown;
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

function matchesOne(error: Inspectable): boolean {
  if (error.name === "PrismaClientInitializationError") return true;
  for (const code of [error.code, error.originalCode]) {
    if (typeof code !== "string") continue;
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
  }
  if (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) return true;
  return typeof error.message === "string" && MESSAGES.some((pattern) => pattern.test(error.message as string));
}

/** True when `error`, or anything it wraps, says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 6) return false;
  const inspectable = error as Inspectable;
  if (matchesOne(inspectable)) return true;
  const wrapped = [inspectable.cause, inspectable.meta?.driverAdapterError];
  if (Array.isArray(inspectable.errors)) wrapped.push(...inspectable.errors);
  return wrapped.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** What a caller is told to wait before trying again (Retry-After): about what a database restart takes. */
export const RETRY_AFTER_SECONDS = 5;

export function databaseUnavailableError(cause: unknown): AppError {
  return new AppError("database_unavailable", "Parley can't reach its database. Try again in a moment.", { cause });
}

/** Rethrows a database outage as the AppError that says so; any other error as it is. */
export function rethrowIfDatabaseUnavailable(error: unknown): never {
  throw isDatabaseUnavailable(error) ? databaseUnavailableError(error) : error;
}

/** An outage however it comes: the driver's error, or the AppError a caller already made of it. */
export function isOutageError(error: unknown): boolean {
  return error instanceof AppError ? error.code === "database_unavailable" : isDatabaseUnavailable(error);
}
