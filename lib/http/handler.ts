// The one wrapper of every route handler: it maps AppError (and zod) failures to the JSON error shape of
// DESIGN.md and logs unexpected errors once, with a generic message to the caller.
import { z } from "zod";
import { AppError, type FieldIssue } from "../errors";

export type ErrorBody = { error: { code: string; message: string; issues?: FieldIssue[] } };

type RouteContext<Params> = { params: Promise<Params> };

export function jsonResponse(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers });
}

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message, issues: error.issues } };
    return jsonResponse(body, error.status);
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

function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.filter((key) => typeof key !== "symbol") as (string | number)[],
    message: issue.message,
  }));
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Some fields are invalid.", { issues: toFieldIssues(parsed.error) });
  }
  return parsed.data;
}

export async function parseJsonBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) {
    throw new AppError("payload_too_large", "The request body is too large.");
  }
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch (cause) {
    throw new AppError("invalid_input", "The request body is not valid JSON.", { cause });
  }
  return parseInput(schema, body);
}

/** Ids are cuids; anything else cannot name a row, so answer it as not found rather than invalid. */
export const idSchema = z.string().regex(/^[a-z0-9]{20,32}$/);

export function parseId(value: string): string {
  if (!idSchema.safeParse(value).success) throw new AppError("not_found", "Not found.");
  return value;
}
