// Known devices (OWASP's "device cookies"): a browser where an account signed in with its password carries a token
// that proves it, and its sign-ins to that account are counted apart from everyone else's. Guesses from anywhere
// else can lock the account (5 failures) without locking out its owner on a browser they signed in on before; a
// known device that guesses wrong is locked on its own, as the account would be.
//
// The token names no account: it is a random id and an HMAC of the id and the account's email under AUTH_SECRET,
// checked against the email being signed in to. Only a browser that once gave the account's password holds one.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env, requireEnv } from "../env";
import type { HeaderSource } from "../http/client-address";

const COOKIE_NAME = "parley-device";
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const normalizeEmail = (email: string) => email.trim().toLowerCase();

function signatureOf(email: string, deviceId: string): Buffer {
  return createHmac("sha256", requireEnv("AUTH_SECRET"))
    .update(`known-device\n${normalizeEmail(email)}\n${deviceId}`)
    .digest();
}

function readCookie(headers: HeaderSource, name: string): string | null {
  const header = headers instanceof Headers ? headers.get("cookie") : headers.cookie;
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const part of text.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

/** The device's id when the request's cookie proves it signed in to this account before, else null. */
export function findKnownDevice(headers: HeaderSource, email: string): string | null {
  const [deviceId, signature] = (readCookie(headers, COOKIE_NAME) ?? "").split(".");
  if (!deviceId || !signature) return null;
  const presented = Buffer.from(signature, "base64url");
  const expected = signatureOf(email, deviceId);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? deviceId : null;
}

/** The cookie that makes this browser a known device of the account, set when its password signs in. */
export function knownDeviceCookie(email: string) {
  const deviceId = randomBytes(16).toString("base64url");
  const value = `${deviceId}.${signatureOf(email, deviceId).toString("base64url")}`;
  const secure = env().NEXTAUTH_URL?.startsWith("https://") ?? false;
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: MAX_AGE_SECONDS } as const;
  return { name: COOKIE_NAME, value, options };
}
