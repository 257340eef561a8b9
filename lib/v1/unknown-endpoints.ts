// What the /v1 API answers for an address it does not have (POST /v1/embeddings) or a method an address does not
// take (GET /v1/chat/completions): OpenAI's error shape, as its SDKs and tools expect, not Next's HTML "not found"
// page or an empty 405.
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, isV1Path, writeOpenAiErrorBody } from "./openai-errors";

/** The /v1 routes Next serves (app/v1), with their methods; tests/unit/route-inventory.test.ts holds it to the files. */
export const V1_NEXT_ROUTES: Record<string, string[]> = { "/v1/models": ["GET"], "/v1/models/[model]": ["GET"] };

// A route's path as Next names its folders, a segment in brackets standing for any one segment of an address.
const V1_ROUTE_PATTERNS = Object.entries(V1_NEXT_ROUTES).map(([route, methods]) => ({
  pattern: new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`),
  methods,
}));

function methodsOf(path: string): string[] | undefined {
  return V1_ROUTE_PATTERNS.find(({ pattern }) => pattern.test(path))?.methods;
}

// What Next answers on any route of its own besides the route's methods: HEAD for a GET, and OPTIONS.
const NEXT_OWN_METHODS = ["HEAD", "OPTIONS"];

/** Writes the answer for a request Next would have no /v1 route for; false for any other request. */
export function serveUnknownV1Endpoint(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? "").split("?")[0] ?? "";
  if (!isV1Path(path)) return false;
  // A trailing slash is Next's to redirect.
  const methods = methodsOf(path.replace(/\/$/, ""));
  const method = request.method ?? "GET";
  if (methods && (methods.includes(method) || NEXT_OWN_METHODS.includes(method))) return false;
  writeInvalidUrl(response, method, path, methods ?? []);
  return true;
}

/** 404 for an address the API does not have; 405 with Allow for a method that `allowed` does not name. */
export function writeInvalidUrl(response: ServerResponse, method: string, path: string, allowed: string[]): void {
  const isKnownPath = allowed.length > 0;
  const code = isKnownPath ? "method_not_allowed" : "unknown_url";
  const body = errorBody(`Invalid URL (${method} ${path})`, "invalid_request_error", null, code);
  const headers = { "Cache-Control": "no-store", ...(isKnownPath ? { Allow: allowed.join(", ") } : {}) };
  writeOpenAiErrorBody(response, isKnownPath ? 405 : 404, body, headers);
}
