// Errors of the /v1 API in OpenAI's shape, {"error":{"message","type","param","code"}}, with the statuses the
// official SDKs map to their error classes (400, 401, 403, 404, 429 with Retry-After, 500, 503).

import type { ServerResponse } from "node:http";
import { UpstreamFailure } from "../chat/upstream-failure";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/database-unavailable";
import { AppError, type ErrorCode } from "../errors";
import { logDatabaseOutage } from "../observability/outage-log";
import { type RequestRate, rateLimitHeaders } from "../usage-limits/request-rate";

type OpenAiError = { status: number; type: string; code: string };

/** The /v1 API's addresses, whose every answer (the server's own refusals included) is in OpenAI's shape. */
export const isV1Path = (path: string) => path === "/v1" || path.startsWith("/v1/");

const mapping: Partial<Record<ErrorCode, OpenAiError>> = {
  invalid_input: { status: 400, type: "invalid_request_error", code: "invalid_request" },
  context_overflow: { status: 400, type: "invalid_request_error", code: "context_length_exceeded" },
  unsupported_parameter: { status: 400, type: "invalid_request_error", code: "unsupported_parameter" },
  payload_too_large: { status: 400, type: "invalid_request_error", code: "request_too_large" },
  unauthorized: { status: 401, type: "invalid_request_error", code: "invalid_api_key" },
  forbidden: { status: 403, type: "permission_error", code: "permission_denied" },
  not_found: { status: 404, type: "invalid_request_error", code: "model_not_found" },
  rate_limited: { status: 429, type: "requests", code: "rate_limit_exceeded" },
  usage_limit_reached: { status: 429, type: "insufficient_quota", code: "usage_limit_reached" },
  model_unavailable: { status: 503, type: "server_error", code: "model_unavailable" },
  database_unavailable: { status: 503, type: "server_error", code: "service_unavailable" },
  unavailable: { status: 503, type: "server_error", code: "service_unavailable" },
};

// Refusals that the SDKs' quick retries would not change, answered with `x-should-retry: false`: the official SDKs
// retry every 429 and 5xx (twice by default) unless that header says not to. A usage limit holds until its period
// ends (its Retry-After is hours away; a call refused while other calls' reservations were counted may pass once they
// settle, which the caller may try), and a model an admin must fix (a key that cannot be decrypted, an Azure provider
// without api-version) stays broken. The per-minute rate limit, a busy provider and an unreachable database stay retryable.
const NOT_RETRYABLE: ReadonlySet<ErrorCode> = new Set(["usage_limit_reached", "model_unavailable"]);

type OpenAiFailure = {
  status: number;
  body: unknown;
  retryAfter: number | null;
  isRetryable: boolean;
  /** Where the caller stands against the request limit, when the failure is that limit's 429. */
  rate: RequestRate | null;
};

/** The body and status of a failure; only AppError messages (written to be shown) reach the caller. */
export function toOpenAiError(error: unknown): OpenAiFailure {
  if (!(error instanceof AppError)) {
    if (isDatabaseUnavailable(error)) {
      logDatabaseOutage(error);
      return toOpenAiError(new AppError("database_unavailable", "Try again shortly."));
    }
    console.error("Unhandled error in the /v1 API", error);
    return {
      status: 500,
      body: errorBody("Something went wrong. Try again.", "server_error", null, "internal_error"),
      retryAfter: null,
      isRetryable: true,
      rate: null,
    };
  }
  // The provider limiting requests or out of reach: a 503 the SDKs retry later; any other failure of the model is 500.
  const upstreamBusy =
    error instanceof UpstreamFailure && ["rate_limited", "unreachable"].includes(error.diagnosis.category);
  const mapped =
    mapping[error.code] ??
    (upstreamBusy
      ? { status: 503, type: "server_error", code: "upstream_overloaded" }
      : { status: 500, type: "server_error", code: error.code });
  const param = error.issues?.[0]?.path.join(".") || null;
  const retryAfter =
    error.details?.retryAfterSeconds ??
    (error.code === "database_unavailable" || upstreamBusy ? RETRY_AFTER_SECONDS : null);
  // The first issue, under its parameter's name when it has one (an unknown key is the request's own).
  const issue = error.issues?.[0];
  // An error whose message is its issue's says it once, under the parameter's name.
  const lead = issue && issue.message !== error.message ? `${error.message} ` : "";
  const message = issue ? `${lead}${param ? `${param}: ` : ""}${issue.message}` : error.message;
  const body = errorBody(message, mapped.type, param, mapped.code);
  const limit = error.code === "rate_limited" ? error.details?.limit : undefined;
  const rate = limit !== undefined ? { limit, remaining: 0, resetSeconds: retryAfter ?? 1 } : null;
  return { status: mapped.status, body, retryAfter, isRetryable: !NOT_RETRYABLE.has(error.code), rate };
}

export function errorBody(message: string, type: string, param: string | null, code: string) {
  return { error: { message, type, param, code } };
}

/** `rate`: where the caller stands, once the request was counted (a 429 of the request limit says it itself). */
function errorHeaders(failure: Omit<OpenAiFailure, "status" | "body">, rate: RequestRate | null = null) {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (failure.retryAfter !== null) headers["Retry-After"] = String(failure.retryAfter);
  if (!failure.isRetryable) headers["x-should-retry"] = "false";
  const standing = failure.rate ?? rate;
  return standing ? { ...headers, ...rateLimitHeaders(standing) } : headers;
}

export function openAiErrorResponse(error: unknown, rate: RequestRate | null = null): Response {
  const failure = toOpenAiError(error);
  return Response.json(failure.body, { status: failure.status, headers: errorHeaders(failure, rate) });
}

/** The same answer on node:http's response (POST /v1/chat/completions is served there: completion-route.ts). */
export function writeOpenAiError(response: ServerResponse, error: unknown, rate: RequestRate | null = null): void {
  const failure = toOpenAiError(error);
  writeOpenAiErrorBody(response, failure.status, failure.body, errorHeaders(failure, rate));
}

/** An error body in OpenAI's shape, as JSON on node:http's response, with `headers` beside. */
export function writeOpenAiErrorBody(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = errorHeaders({ retryAfter: null, isRetryable: true, rate: null }),
): void {
  const text = JSON.stringify(body);
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}
