// Signing in from a form that posts without JavaScript (a server action): next-auth's credentials callback needs
// its CSRF cookie, which only a script can fetch first. Same check of the password, same claims through the same
// jwt callback, and the session cookie next-auth itself would set (name and attributes of next-auth 4).
import { encode } from "next-auth/jwt";
import { getPasswordOf } from "../db/accounts";
import { isSiteHttps, requireEnv } from "../env";
import type { HeaderSource } from "../http/client-address";
import { knownDeviceCookie } from "./known-devices";
import { authorizeCredentials, getAuthOptions, SESSION_MAX_AGE_SECONDS } from "./options";

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: "lax"; path: "/"; secure: boolean; maxAge: number };
};

/**
 * The session cookie for these credentials, and the cookie that makes this browser a known device of the account,
 * or null when they do not sign anyone in. `headers` name the client, whose failures are throttled like next-auth's
 * own sign-in (SignInThrottledError while locked out).
 */
export async function createSessionCookies(credentials: { email: string; password: string }, headers: HeaderSource) {
  const user = await authorizeCredentials(credentials, { headers });
  if (!user) return null;
  const stored = await getPasswordOf(user.id);
  return {
    session: await sessionCookieFor(user),
    knownDevice: stored ? knownDeviceCookie({ id: user.id, passwordHash: stored.passwordHash }) : null,
  };
}

type SignedInUser = NonNullable<Awaited<ReturnType<typeof authorizeCredentials>>>;

/**
 * A fresh session cookie for the user, through the same jwt callback as next-auth's sign-in: also how the device
 * that changed the password stays signed in when that ended every other session.
 */
export async function sessionCookieFor(user: SignedInUser): Promise<SessionCookie> {
  const jwtCallback = getAuthOptions().callbacks?.jwt;
  if (!jwtCallback) throw new Error("The auth options lost their jwt callback.");
  const token = await jwtCallback({
    token: { name: user.name, email: user.email, sub: user.id },
    user,
    account: null,
    trigger: "signIn",
  });
  const value = await encode({ token, secret: requireEnv("AUTH_SECRET"), maxAge: SESSION_MAX_AGE_SECONDS });
  // next-auth marks its cookies secure, with the __Secure- prefix, exactly when the site's URL is https.
  const secure = isSiteHttps();
  const name = `${secure ? "__Secure-" : ""}next-auth.session-token`;
  const options = { httpOnly: true, sameSite: "lax", path: "/", secure, maxAge: SESSION_MAX_AGE_SECONDS } as const;
  return { name, value, options } satisfies SessionCookie;
}

type SessionCookies = NonNullable<Awaited<ReturnType<typeof createSessionCookies>>>;
type CookieJar = { set: (name: string, value: string, options: SessionCookie["options"]) => unknown };

/** Sets what createSessionCookies made on a server action's answer (Next's `cookies()`). */
export function setSessionCookies(jar: CookieJar, { session, knownDevice }: SessionCookies): void {
  jar.set(session.name, session.value, session.options);
  // This browser now knows the password: guesses from elsewhere cannot lock it out of the account.
  if (knownDevice) jar.set(knownDevice.name, knownDevice.value, knownDevice.options);
}

/** A session or known-device cookie as a Set-Cookie header value, for route handlers that answer with a Response. */
export function formatCookie({ name, value, options }: SessionCookie): string {
  const secure = options.secure ? "; Secure" : "";
  return `${name}=${value}; Path=/; Max-Age=${options.maxAge}; HttpOnly; SameSite=Lax${secure}`;
}
