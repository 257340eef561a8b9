// next-auth's logger: one line per error, and the same error at most once a minute. Its default printed a 15-line
// stack trace for every request with a forged or stale session cookie, which anyone can send by the thousand.
import type { LoggerInstance } from "next-auth";

const REPEAT_INTERVAL_MS = 60_000;
const lastLoggedAt = new Map<string, number>();
const suppressedCounts = new Map<string, number>();

function messageOf(metadata: unknown): string {
  const withError = metadata as { message?: unknown; error?: { message?: unknown } } | null;
  const message = metadata instanceof Error ? metadata.message : (withError?.message ?? withError?.error?.message);
  return String(message ?? "")
    .replace(/\s+/g, " ")
    .slice(0, 300);
}

/** Logs `line` unless a line of the same `code` was logged less than a minute ago (then only counts it). */
export function logRateLimited(level: "error" | "warn", code: string, line: string, now = Date.now()): void {
  if (now - (lastLoggedAt.get(code) ?? Number.NEGATIVE_INFINITY) < REPEAT_INTERVAL_MS) {
    suppressedCounts.set(code, (suppressedCounts.get(code) ?? 0) + 1);
    return;
  }
  const suppressed = suppressedCounts.get(code) ?? 0;
  lastLoggedAt.set(code, now);
  suppressedCounts.delete(code);
  const repeats = suppressed > 0 ? ` (${suppressed} more in the last minute, not shown)` : "";
  console[level](`${line}${repeats}`);
}

function logAuthEvent(level: "error" | "warn", code: string, metadata?: unknown): void {
  const message = messageOf(metadata);
  logRateLimited(level, code, `[next-auth] ${level} ${code}${message ? `: ${message}` : ""}`);
}

export const authLogger: Partial<LoggerInstance> = {
  error: (code, metadata) => logAuthEvent("error", code, metadata),
  warn: (code) => logAuthEvent("warn", code),
  debug: () => {},
};
