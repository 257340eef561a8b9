// next-auth configuration: email + password sign-in, JWT sessions that are re-checked against the database on
// every use, so that a bumped sessionVersion, a disabled account or a demotion takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { signOutEverywhere } from "../access/access-changes";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { getUserForSignIn } from "../db/users";
import { requireEnv } from "../env";
import { getClientAddress, type HeaderSource } from "../http/client-address";
import { allowSignIn } from "../sso/auth-options";
import { isPasswordSignInEnabled } from "../sso/password-sign-in";
import { AccountDisabledError, PasswordSignInOffError } from "./account-disabled";
import { authLogger } from "./auth-logger";
import { noteAuthFailure } from "./auth-outage";
import { canSignIn, refreshClaims, type SessionClaims, sessionUserOf } from "./claims";
import { findKnownDevice } from "./known-devices";
import { getDecoyHash, verifyPassword } from "./password";
import { beginSignInAttempt, finishSignInAttempt, SignInThrottledError } from "./throttle";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

// No control characters (NUL cannot even reach PostgreSQL): such input is no account's email.
const credentialsSchema = z.object({
  email: z
    .string()
    .trim()
    .max(320)
    .regex(/^[^\p{Cc}]*$/u),
  password: z.string().max(128),
});

/**
 * The credentials' user, or null; throws SignInThrottledError while the account or the address is locked out, and
 * AccountDisabledError for a disabled account's right password.
 */
export async function authorizeCredentials(raw: unknown, request: { headers?: HeaderSource }) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if (!(await isPasswordSignInEnabled())) throw new PasswordSignInOffError();
  const clientAddress = getClientAddress(request.headers ?? {});
  const user = await getUserForSignIn(email);
  const knownDevice = user ? findKnownDevice(request.headers ?? {}, user) : null;
  // Throws while locked out, before any hashing: its message is what the sign-in form shows.
  await beginSignInAttempt(email, clientAddress, knownDevice);
  // Verify against a decoy when the account does not exist, so that timing does not reveal which emails exist.
  const isPasswordValid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  await finishSignInAttempt(email, clientAddress, isPasswordValid, knownDevice);
  if (!user || !isPasswordValid) return null;
  if (!canSignIn(user.status)) throw new AccountDisabledError();
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    sessionVersion: user.sessionVersion,
  };
}

/**
 * next-auth puts an authorize error's message into the sign-in URL: only the throttle's and the disabled
 * account's are meant for people. An
 * outage is noted for the auth route's 503 rather than read as wrong credentials; anything else is logged and
 * answered as a failed sign-in, so that no internal text reaches the client.
 */
function answerAuthorizeFailure(error: unknown): null {
  const isForPeople =
    error instanceof SignInThrottledError ||
    error instanceof AccountDisabledError ||
    error instanceof PasswordSignInOffError;
  if (isForPeople || isDatabaseUnavailable(error)) {
    noteAuthFailure(error);
  }
  console.error("Sign-in failed unexpectedly", error);
  return null;
}

/** Where next-auth sends the browser after sign-in or sign-out: this site only; a malformed address goes home. */
function redirectWithinSite({ url, baseUrl }: { url: string; baseUrl: string }): string {
  try {
    const target = new URL(url, baseUrl);
    return target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl;
  } catch {
    return baseUrl;
  }
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: requireEnv("AUTH_SECRET"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Errors of an SSO sign-in (a refused account, a forged state) are explained on the sign-in page.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: authLogger,
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, request) => authorizeCredentials(credentials, request).catch(answerAuthorizeFailure),
      }),
    ],
    events: {
      // A JWT outlives its cookie: signing out bumps the session version so that no copy of it stays valid.
      // This signs the user out on every device, the price of stateless sessions; their open streams end with it.
      async signOut({ token }) {
        const uid = (token as SessionClaims | null)?.uid;
        if (!uid) return;
        await signOutEverywhere(uid);
      },
    },
    callbacks: {
      redirect: async (params) => redirectWithinSite(params),
      signIn: (params) => allowSignIn(params),
      async jwt({ token, user }) {
        const claims = token as typeof token & SessionClaims;
        if (user) {
          const signedIn = user as typeof user & Required<Pick<SessionClaims, "role" | "status" | "sessionVersion">>;
          const { role, status, sessionVersion } = signedIn;
          const signedInAt = Math.floor(Date.now() / 1000);
          return { ...token, uid: signedIn.id, role, status, sessionVersion, signedInAt };
        }
        const current = await refreshClaims(claims).catch(noteAuthFailure);
        return current ? { ...token, ...current } : {};
      },
      async session({ session, token }) {
        return { ...session, user: sessionUserOf(token) ?? undefined };
      },
    },
  };
}
