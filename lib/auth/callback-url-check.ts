// next-auth checks callbackUrl (from the query, or the cookie where it keeps it) before any callback of ours runs,
// and answers one it cannot parse (`%E0%A4%A`, `http://host:3000.evil.test/`) with a 500 "server configuration"
// error. Such a URL is refused here first with a plain 400; a bad cookie is also cleared, so that the next request
// works. (Only a forged request carries one: next-auth writes the cookie from URLs it has already checked.)
import type { NextRequest } from "next/server";
import { AppError } from "../errors";

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

// next-auth's own test (next-auth/core/lib/assert.js): an http(s) URL, a path resolved against the site.
function isValidCallbackUrl(value: string, baseUrl: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? baseUrl : undefined).protocol);
  } catch {
    return false;
  }
}

/** The 400 error for an unusable callbackUrl, and the cookies to clear with it; null when there is none. */
export function findInvalidCallbackUrl(request: NextRequest): { error: AppError; clearCookies: string[] } | null {
  const baseUrl = request.nextUrl.origin;
  const fromQuery = request.nextUrl.searchParams.get("callbackUrl");
  const badCookies = CALLBACK_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isValidCallbackUrl(value, baseUrl);
  });
  const isQueryBad = fromQuery !== null && !isValidCallbackUrl(fromQuery, baseUrl);
  if (!isQueryBad && badCookies.length === 0) return null;
  return { error: new AppError("invalid_input", "The callbackUrl is not a valid address."), clearCookies: badCookies };
}
