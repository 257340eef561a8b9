// Known devices (OWASP's "device cookies"): a browser where an account signed in with its password carries a token
// that proves it, and its sign-ins to that account are counted apart from everyone else's. Guesses from anywhere
// else can lock the account (5 failures) without locking out its owner on a browser they signed in on before; a
// known device that guesses wrong is locked on its own, as the account would be.
//
// The token names no one: a random id and an HMAC, under AUTH_SECRET, of the id, the account's id and its current
// password hash. So it holds for that account only, and only while its password is the one given then: a reset or a
// change ends every known device of the account (one whoever held the password made included).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { isSiteHttps, requireEnv } from "../env";
import type { HeaderSource } from "../http/client-address";
import { readCookies } from "../http/cookies";

const COOKIE_NAME = "parley-device";
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

type Account = { id: string; passwordHash: string };

function signatureOf(account: Account, deviceId: string): Buffer {
  return createHmac("sha256", requireEnv("AUTH_SECRET"))
    .update(`known-device\n${account.id}\n${account.passwordHash}\n${deviceId}`)
    .digest();
}

/** The device's id when the request's cookie proves it signed in to this account with its password, else null. */
export function findKnownDevice(headers: HeaderSource, account: Account): string | null {
  const header = headers instanceof Headers ? headers.get("cookie") : headers.cookie;
  const cookie = readCookies(Array.isArray(header) ? header.join("; ") : (header ?? undefined)).get(COOKIE_NAME);
  const [deviceId, signature] = (cookie ?? "").split(".");
  if (!deviceId || !signature) return null;
  const presented = Buffer.from(signature, "base64url");
  const expected = signatureOf(account, deviceId);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? deviceId : null;
}

/** The cookie that makes this browser a known device of the account, set when its password signs in. */
export function knownDeviceCookie(account: Account) {
  const deviceId = randomBytes(16).toString("base64url");
  const value = `${deviceId}.${signatureOf(account, deviceId).toString("base64url")}`;
  const options = {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: isSiteHttps(),
    maxAge: MAX_AGE_SECONDS,
  } as const;
  return { name: COOKIE_NAME, value, options };
}
