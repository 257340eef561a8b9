// CSRF defence for every state-changing request, API, next-auth and event-stream routes alike: a browser says where
// a request comes from, and a request from a page of another origin is refused. SameSite=Lax cookies alone let a
// page on a sibling subdomain or on another port of the same host post with the user's session.
// The rule is Go's http.CrossOriginProtection (go.dev/issue/73626):
// - Sec-Fetch-Site, which every current browser sends and no page can forge, decides when present: only
//   "same-origin" (and "none", a navigation the user started) pass;
// - otherwise an Origin header must name this site: the origin of NEXTAUTH_URL, or the host the request was sent
//   to (its Host header; a reverse proxy that rewrites Host needs NEXTAUTH_URL set, as the README says);
// - a request with neither header is not from a browser (curl, scripts, the server's own demo model calls) and
//   passes: browsers send Origin on every cross-origin POST, so no page can make one without it.
import type { IncomingMessage } from "node:http";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/** True when a browser sent this state-changing request from a page of another origin. */
export function isCrossOriginRequest(request: IncomingMessage, siteOrigin: string): boolean {
  if (SAFE_METHODS.has(request.method ?? "GET")) return false;
  const origin = headerOf(request, "origin");
  if (origin === siteOrigin) return false;
  const fetchSite = headerOf(request, "sec-fetch-site");
  if (fetchSite !== undefined) return fetchSite !== "same-origin" && fetchSite !== "none";
  if (origin === undefined) return false;
  const host = headerOf(request, "host")?.toLowerCase();
  return host === undefined || hostOf(origin) !== host;
}
