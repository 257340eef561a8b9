// The one wrapper of every route handler: it maps AppError (and zod) failures to the one JSON error shape,
// { error: { code, message, issues?, details? } }, and logs unexpected errors once, with a generic message.

import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import { databaseUnavailableError, isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/database-unavailable";
import { AppError, type FieldIssue } from "../errors";
import { logDatabaseOutage } from "../observability/outage-log";
import { parseFields } from "./field-issues";

export type ErrorBody = {
  error: { code: string; message: string; issues?: FieldIssue[]; details?: Record<string, number> };
};

type RouteContext<Params> = { params: Promise<Params> };

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

/** A file to save: the name is ASCII-safe for the plain parameter and exact (UTF-8) for browsers that read it. */
export function attachmentResponse(file: {
  fileName: string;
  contentType: string;
  body: string | ReadableStream<Uint8Array>;
}): Response {
  const asciiName = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}

export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError) && isDatabaseUnavailable(error)) {
    return errorResponse(databaseUnavailableError(error));
  }
  if (error instanceof AppError) {
    if (error.code === "database_unavailable") logDatabaseOutage(error);
    const { code, message, issues, details } = error;
    const body: ErrorBody = { error: { code, message, issues, details } };
    // An outage passes, and a limit runs out: the caller is told when to try again.
    const retryAfter = code === "database_unavailable" ? RETRY_AFTER_SECONDS : details?.retryAfterSeconds;
    const headers = retryAfter === undefined ? undefined : { "Retry-After": String(retryAfter) };
    return jsonResponse(body, error.status, headers);
  }
  console.error("Unhandled error in route handler", error);
  return jsonResponse({ error: { code: "internal", message: "Something went wrong. Try again." } }, 500);
}

export function handle<Params = Record<string, never>>(
  handler: (request: Request, params: Params) => Promise<Response>,
): (request: Request, context: RouteContext<Params>) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, await context.params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

const MAX_JSON_BYTES = 256 * 1024;
// \u0000 preceded by an even number of backslashes (none included): an escape, not escaped text.
const ESCAPED_NUL = /(?<!\\)(?:\\\\)*\\u0000/;

/** The input as the schema reads it, or 400 with each field's issue in words (field-issues.ts). */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = parseFields(schema, input);
  if (!parsed.success) throw new AppError("invalid_input", "Some fields are invalid.", { issues: parsed.issues });
  return parsed.data;
}

/** A web request, or node:http's own (the event-stream routes read it directly: lib/server). */
type BodySource = Request | IncomingMessage;

function headerOf(request: BodySource, name: string): string | null {
  if (request instanceof Request) return request.headers.get(name);
  const value = request.headers[name];
  return (Array.isArray(value) ? value.join(", ") : value) ?? null;
}

/** Reads at most `limit` bytes: a larger body is refused without being buffered. */
async function readBodyText(request: BodySource, limit: number): Promise<string> {
  return (await readBodyBytes(request, limit)).toString("utf8");
}

async function readBodyBytes(request: BodySource, limit: number): Promise<Buffer> {
  const tooLarge = () => new AppError("payload_too_large", "The request body is too large.");
  if (Number(headerOf(request, "content-length") ?? 0) > limit) throw tooLarge();
  if (!(request instanceof Request)) return readNodeBody(request, limit, tooLarge);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

async function readNodeBody(request: IncomingMessage, limit: number, tooLarge: () => AppError): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    // Leaving the loop destroys the stream, as cancelling the web reader does.
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * For a body parsed elsewhere (an import, on a worker thread, which then checks it with `assertNoEscapedNul`): its
 * bytes, undecoded, refused with 413 while reading once over `maxBytes`, and only when sent as JSON.
 */
export async function readJsonBytes(request: Request, maxBytes: number): Promise<Buffer> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.length > 0 && !request.headers.get("content-type")?.startsWith("application/json")) {
    throw new AppError("invalid_input", "Send the body as application/json.");
  }
  return bytes;
}

export function assertNoEscapedNul(text: string): void {
  if (ESCAPED_NUL.test(text)) throw new AppError("invalid_input", "Text cannot contain NUL characters.");
}

/** `maxBytes`: larger bodies are refused with 413; the default suits every ordinary request. */
export async function parseJsonBody<T>(
  request: BodySource,
  schema: z.ZodType<T>,
  maxBytes = MAX_JSON_BYTES,
): Promise<T> {
  const text = await readBodyText(request, maxBytes);
  // JSON only: a cross-site form can post text/plain or form data without a preflight, never application/json.
  if (text && !headerOf(request, "content-type")?.startsWith("application/json")) {
    throw new AppError("invalid_input", "Send the body as application/json.");
  }
  // PostgreSQL text cannot hold NUL; refusing it here keeps every stored string valid. A raw NUL cannot appear in
  // valid JSON, so NUL means the escape \u0000 itself, not an escaped backslash followed by "u0000" (text about it).
  if (ESCAPED_NUL.test(text)) throw new AppError("invalid_input", "Text cannot contain NUL characters.");
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch (cause) {
    throw new AppError("invalid_input", "The request body is not valid JSON.", { cause });
  }
  return parseInput(schema, body);
}

/** The query string of a GET route, validated like a body: NUL is refused here too (PostgreSQL text cannot hold it). */
export function parseQuery<T>(request: Request, schema: z.ZodType<T>): T {
  const entries = [...new URL(request.url).searchParams];
  if (entries.some(([key, value]) => `${key}${value}`.includes("\0"))) {
    throw new AppError("invalid_input", "Text cannot contain NUL characters.");
  }
  return parseInput(schema, Object.fromEntries(entries));
}
