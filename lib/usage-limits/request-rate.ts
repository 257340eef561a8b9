// Requests per minute to the /v1 API, per key and per user (all their keys together), counted on the
// PostgreSQL-backed attempt counters that also throttle sign-in, so that every app process sees the same counts.
import { z } from "zod";
import { countAttempt } from "../db/attempt-counters";
import type { AuditActor } from "../db/audit";
import { getSetting, saveSetting } from "../db/settings";
import { AppError } from "../errors";

const SETTING_KEY = "apiRequestsPerMinute";
export const DEFAULT_API_REQUESTS_PER_MINUTE = 60;
export const requestsPerMinuteSchema = z.number().int().min(1).max(100_000);
const WINDOW_SECONDS = 60;

export async function getApiRequestsPerMinute(): Promise<number> {
  const parsed = requestsPerMinuteSchema.safeParse(Number(await getSetting(SETTING_KEY)));
  return parsed.success ? parsed.data : DEFAULT_API_REQUESTS_PER_MINUTE;
}

export async function setApiRequestsPerMinute(actor: AuditActor, limit: number) {
  await saveSetting(actor, SETTING_KEY, String(limit));
  return { requestsPerMinute: limit };
}

/** 429 with Retry-After (the end of the window) once the key or the user has made `limit` requests this minute. */
export async function takeApiRequest(caller: { userId: string; keyId: string }): Promise<void> {
  // The limit is read beside the counts rather than before them: one round trip less before the first token.
  const [limit, ...counts] = await Promise.all([
    getApiRequestsPerMinute(),
    countAttempt(`api:key:${caller.keyId}`, WINDOW_SECONDS),
    countAttempt(`api:user:${caller.userId}`, WINDOW_SECONDS),
  ]);
  const over = counts.find((count) => count.count > limit);
  if (!over) return;
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((over.windowStart.getTime() + WINDOW_SECONDS * 1000 - Date.now()) / 1000),
  );
  throw new AppError(
    "rate_limited",
    `Rate limit reached: ${limit} requests per minute. Try again in ${retryAfterSeconds} s.`,
    {
      details: { retryAfterSeconds, limit },
    },
  );
}
