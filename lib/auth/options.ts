// next-auth configuration: email + password sign-in, JWT sessions that are re-checked against the database on
// every use, so that a bumped sessionVersion, a disabled account or a demotion takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getUserForSignIn, revokeSessions } from "../db/users";
import { requireEnv } from "../env";
import { authLogger } from "./auth-logger";
import { canSignIn, refreshClaims, type SessionClaims, sessionUserOf } from "./claims";
import { getDecoyHash, verifyPassword } from "./password";

const credentialsSchema = z.object({ email: z.string().trim().max(320), password: z.string().max(128) });

async function authorizeCredentials(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const user = await getUserForSignIn(parsed.data.email);
  // Verify against a decoy when the account does not exist, so that timing does not reveal which emails exist.
  const isPasswordValid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), parsed.data.password);
  if (!user || !isPasswordValid || !canSignIn(user.status)) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.status,
    sessionVersion: user.sessionVersion,
  };
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: requireEnv("AUTH_SECRET"),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in" },
    logger: authLogger,
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: authorizeCredentials,
      }),
    ],
    events: {
      // A JWT outlives its cookie: signing out bumps the session version so that no copy of it stays valid.
      // This signs the user out on every device, the price of stateless sessions.
      async signOut({ token }) {
        const uid = (token as SessionClaims | null)?.uid;
        if (uid) await revokeSessions(uid);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        const claims = token as typeof token & SessionClaims;
        if (user) {
          const signedIn = user as typeof user & Required<Pick<SessionClaims, "role" | "status" | "sessionVersion">>;
          const { role, status, sessionVersion } = signedIn;
          return { ...token, uid: signedIn.id, role, status, sessionVersion };
        }
        const current = await refreshClaims(claims);
        return current ? { ...token, ...current } : {};
      },
      async session({ session, token }) {
        return { ...session, user: sessionUserOf(token) ?? undefined };
      },
    },
  };
}
