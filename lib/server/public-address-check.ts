// Behind a reverse proxy, the address users open is often not the one this process was given (NEXTAUTH_URL, by
// default http://localhost:PORT): next-auth then sends sign-in and sign-out to an address they cannot reach, and the
// session cookie is Secure or not by NEXTAUTH_URL's scheme, with nothing in the log. The first request that shows
// another address says so, once per process.
import type { IncomingMessage } from "node:http";
import { isTrustedProxy } from "../http/client-address";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
// Probes reach a process by its own address, not the one users open.
const PROBE_PATH = "/api/health";

const firstValue = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim() || undefined;

/** The host and scheme the request names: X-Forwarded-Host and X-Forwarded-Proto from a trusted proxy, else its Host. */
function namedAddressOf(request: IncomingMessage): { host: string | undefined; scheme: string | undefined } {
  const peer = (request.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.)/i, "");
  const isTrusted = isTrustedProxy(peer);
  const host = (isTrusted ? firstValue(request.headers["x-forwarded-host"]) : undefined) ?? request.headers.host;
  return { host, scheme: isTrusted ? firstValue(request.headers["x-forwarded-proto"]) : undefined };
}

/**
 * The origin the request was sent to (with NEXTAUTH_URL's scheme when this process cannot see it behind a proxy it
 * does not trust). Null when unreadable.
 */
function seenOriginOf(
  { host, scheme }: ReturnType<typeof namedAddressOf>,
  siteProtocol: string,
): { origin: string; isSchemeKnown: boolean } | null {
  if (!host) return null;
  try {
    return { origin: new URL(`${scheme ? `${scheme}:` : siteProtocol}//${host}`).origin, isSchemeKnown: !!scheme };
  } catch {
    return null;
  }
}

const isProxied = (request: IncomingMessage) =>
  ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded"].some((name) => name in request.headers);

function isSameSite(seen: URL, site: URL): boolean {
  if (seen.origin === site.origin) return true;
  // localhost and 127.0.0.1 on one machine: one place, whichever a developer typed.
  return (
    seen.protocol === site.protocol &&
    seen.port === site.port &&
    LOOPBACK_NAMES.has(seen.hostname) &&
    LOOPBACK_NAMES.has(site.hostname)
  );
}

/** The check, for `siteUrl` (NEXTAUTH_URL, or the default when `isConfigured` is false). */
export function createPublicAddressCheck(siteUrl: string, isConfigured: boolean): (request: IncomingMessage) => void {
  const site = new URL(siteUrl);
  let hasWarned = false;
  // The address of the last request found right: every request asks this, and nearly all name the same address, so
  // the URLs are parsed once per address rather than once per request.
  let lastRightKey = "";
  return (request) => {
    if (hasWarned || request.url?.split("?")[0] === PROBE_PATH) return;
    const named = namedAddressOf(request);
    const proxied = isProxied(request);
    const key = `${named.host}\n${named.scheme}\n${proxied}`;
    if (key === lastRightKey) return;
    const seen = seenOriginOf(named, site.protocol);
    if (!seen) return;
    const differs = !isSameSite(new URL(seen.origin), site);
    if (!differs && (isConfigured || !proxied)) {
      lastRightKey = key;
      return;
    }
    hasWarned = true;
    if (!differs) {
      console.warn(
        "[parley] requests come through a proxy, but NEXTAUTH_URL is not set, so Parley takes its address to be " +
          `${site.origin}: sign-in and sign-out redirect there, and the session cookie is not Secure. Set NEXTAUTH_URL ` +
          "to the address users open, e.g. NEXTAUTH_URL=https://chat.example.com (shown once).",
      );
      return;
    }
    const host = new URL(seen.origin).host;
    const [address, setting] = seen.isSchemeKnown
      ? [seen.origin, `NEXTAUTH_URL=${seen.origin}`]
      : [`the host ${host}`, `NEXTAUTH_URL=https://${host} (http:// if users open it without TLS)`];
    const configured = isConfigured ? `NEXTAUTH_URL is ${site.origin}` : `NEXTAUTH_URL is not set (so ${site.origin})`;
    console.warn(
      `[parley] a request reached this process for ${address}, but ${configured}: sign-in and sign-out ` +
        "redirect there, and its scheme decides whether the session cookie is Secure. If users open Parley at " +
        `${address}, set ${setting} (shown once).`,
    );
  };
}
