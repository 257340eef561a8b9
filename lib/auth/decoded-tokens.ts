// Session tokens decoded once per token, not once per request: decoding (a JWE decryption) costs CPU on every
// request of a signed-in user, and a token's content never changes. Only the decoding is kept; whether the session
// still holds (revoked, disabled, demoted) is asked of the database on every request (claims.ts).
import { getToken } from "next-auth/jwt";
import { requireEnv } from "../env";
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
  if (!claims) return null;
  if (decoded.size >= MAX_ENTRIES) decoded.clear();
  const until = typeof claims.exp === "number" ? claims.exp * 1000 : Date.now() + FALLBACK_LIFETIME_MS;
  decoded.set(key, { claims, until });
  return claims;
}
