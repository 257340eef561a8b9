// Session tokens decoded once per token, not once per request: decoding (a JWE decryption) costs CPU on every
// request of a signed-in user, and a token's content never changes. Only the decoding is kept; whether the session
// still holds (revoked, disabled, demoted) is asked of the database on every request (claims.ts).
import { getToken } from "next-auth/jwt";
import { requireEnv } from "../env";
import { logRateLimited } from "./auth-logger";
import type { SessionClaims } from "./claims";

type CookieSource = Map<string, string> | { getAll: () => { name: string; value: string }[] };

const decoded = new Map<string, { claims: SessionClaims; until: number }>();
const MAX_ENTRIES = 5_000;
// A token without an expiry (never issued by Parley) is decoded again after a minute.
const FALLBACK_LIFETIME_MS = 60_000;

// next-auth's session cookie, possibly split in chunks (name.0, name.1…): together, they are the token.
function sessionCookieKey(cookies: CookieSource): string {
  const entries = cookies instanceof Map ? [...cookies] : cookies.getAll().map(({ name, value }) => [name, value]);
  return entries
    .filter(([name]) => name?.includes("next-auth.session-token"))
    .map(([name, value]) => `${name}=${value}`)
    .join(";");
}

export async function decodeSessionToken(cookies: CookieSource): Promise<SessionClaims | null> {
  const key = sessionCookieKey(cookies);
  if (!key) return null;
  const cached = decoded.get(key);
  if (cached && cached.until > Date.now()) return cached.claims;
  const claims = (await getToken({
    req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret: requireEnv("AUTH_SECRET"),
  })) as (SessionClaims & { exp?: number }) | null;
  if (!claims) {
    // Signed with another AUTH_SECRET (another process of this database, or before the secret changed), expired, or
    // forged: the request goes on as signed out. One line a minute, as anyone may send such cookies by the thousand;
    // never the cookie itself.
    logRateLimited(
      "warn",
      "SESSION_COOKIE_UNREADABLE",
      "[parley] a session cookie could not be read (signed with another AUTH_SECRET, expired, or forged): the " +
        "request was served as signed out",
    );
    return null;
  }
  if (decoded.size >= MAX_ENTRIES) decoded.clear();
  const until = typeof claims.exp === "number" ? claims.exp * 1000 : Date.now() + FALLBACK_LIFETIME_MS;
  decoded.set(key, { claims, until });
  return claims;
}
