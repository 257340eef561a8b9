// Cookies read from a request's Cookie header, for code that runs outside Next's cookies() (lib/server's routes,
// next-auth's authorize callback).

export function readCookies(cookieHeader: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of cookieHeader?.split(";") ?? []) {
    const separator = pair.indexOf("=");
    if (separator <= 0) continue;
    const value = pair.slice(separator + 1).trim();
    try {
      cookies.set(pair.slice(0, separator).trim(), decodeURIComponent(value));
    } catch {
      // A malformed cookie is nobody's: skip it.
    }
  }
  return cookies;
}
