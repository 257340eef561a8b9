// Requests per minute to the /v1 API, per key and per user (all their keys together), counted on the
// PostgreSQL-backed attempt counters that also throttle sign-in, so that every app process sees the same counts.
// GET /v1/models counts here; a completion counts in its one statement (lib/db/api-call-context.ts).
import { z } from "zod";
import { countAttempt } from "../db/attempt-counters";
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { AppError } from "../errors";
import { MAX_API_REQUESTS_PER_MINUTE } from "../limits";

export const API_RATE_SETTING_KEY = "apiRequestsPerMinute";
export const DEFAULT_API_REQUESTS_PER_MINUTE = 60;
export const requestsPerMinuteSchema = z.number().int().min(1).max(MAX_API_REQUESTS_PER_MINUTE);
export const API_RATE_WINDOW_SECONDS = 60;

/** The admin's limit from the stored setting (null when unset); anything invalid is the default. */
export function parseRequestsPerMinute(stored: string | null): number {
  const parsed = requestsPerMinuteSchema.safeParse(Number(stored));
  return parsed.success ? parsed.data : DEFAULT_API_REQUESTS_PER_MINUTE;
}

export async function getApiRequestsPerMinute(): Promise<number> {
  return parseRequestsPerMinute(await getSetting(API_RATE_SETTING_KEY));
}

export async function setApiRequestsPerMinute(actor: AuditActor, limit: number) {
  await saveSetting(actor, API_RATE_SETTING_KEY, String(limit));
  return { requestsPerMinute: limit };
}

/** This window's count of one counter (the key's, the user's) and the seconds until the window ends. */
export type RequestCount = { count: number; secondsLeft: number };

/** Where a caller stands after a request: the limit, what is left of it this window, and when the window ends. */
export type RequestRate = { limit: number; remaining: number; resetSeconds: number };

/**
 * 429 with Retry-After (the end of the window) once the key or the user has made more than `limit` requests; else
 * where the caller stands, by the busier of the two counts (of two as busy, the one whose window ends later: the
 * caller waits for both).
 */
export function checkRate(limit: number, counts: RequestCount[]): RequestRate {
  const none = { count: 0, secondsLeft: 0 };
  const isBusier = (count: RequestCount, most: RequestCount) =>
    count.count > most.count || (count.count === most.count && count.secondsLeft > most.secondsLeft);
  const busiest = counts.reduce((most, count) => (isBusier(count, most) ? count : most), none);
  const resetSeconds = Math.max(1, Math.ceil(busiest.secondsLeft));
  if (busiest.count <= limit) return { limit, remaining: limit - busiest.count, resetSeconds };
  throw new AppError(
    "rate_limited",
    `Rate limit reached: ${limit} requests per minute. Try again in ${resetSeconds} s.`,
    {
      details: { retryAfterSeconds: resetSeconds, limit },
    },
  );
}

/**
 * OpenAI's headers for its request limit (the SDKs and clients such as LangChain read them to pace their calls):
 * the reset in its format ("59s", "1m0s"). Parley's token limits are per day or month and per user or team, which
 * OpenAI's per-minute token headers cannot say: the usage dashboard and `usage_limit_reached` tell them.
 */
export function rateLimitHeaders(rate: RequestRate): Record<string, string> {
  const { resetSeconds } = rate;
  const reset = resetSeconds < 60 ? `${resetSeconds}s` : `${Math.floor(resetSeconds / 60)}m${resetSeconds % 60}s`;
  return {
    "x-ratelimit-limit-requests": String(rate.limit),
    "x-ratelimit-remaining-requests": String(rate.remaining),
    "x-ratelimit-reset-requests": reset,
  };
}

/** Counts one request of the key and of its user, and refuses it past the limit. */
export async function takeApiRequest(caller: { userId: string; keyId: string }): Promise<RequestRate> {
  // The limit is read beside the counts rather than before them: one round trip less before the first token.
  const [limit, ...counts] = await Promise.all([
    getApiRequestsPerMinute(),
    countAttempt(`api:key:${caller.keyId}`, API_RATE_WINDOW_SECONDS),
    countAttempt(`api:user:${caller.userId}`, API_RATE_WINDOW_SECONDS),
  ]);
  const now = Date.now();
  return checkRate(
    limit,
    counts.map(({ count, windowStart }) => ({
      count,
      secondsLeft: (windowStart.getTime() + API_RATE_WINDOW_SECONDS * 1000 - now) / 1000,
    })),
  );
}
