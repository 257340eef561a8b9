// Retry-After as servers send it (RFC 9110): a number of seconds, or an HTTP date. Pure, for the server (a provider's
// answer) and the browser (Parley's own 503 and 429).

/** The wait asked for, in milliseconds (0 for a date passed); null without a header, or with one that says nothing. */
export function parseRetryAfterMs(header: string | null | undefined, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(seconds * 1000, 0);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(date - now, 0);
}
