// What a session token says about its user, checked against the database on every use, so that a bumped
// sessionVersion, a disabled account or a demotion takes effect at once.
import { rethrowIfDatabaseUnavailable } from "../db/database-unavailable";
import { getUserSessionState } from "../db/users";
import { env } from "../env";
import type { SessionUser } from "./session";

export type SessionClaims = {
  uid?: string;
  sessionVersion?: number;
  role?: "ADMIN" | "USER";
  status?: "ACTIVE" | "PENDING";
  name?: string | null;
  email?: string | null;
  /** Seconds since the epoch at sign-in: the session ends SESSION_MAX_AGE_DAYS later, however often it is used. */
  signedInAt?: number;
};

/** A pending account may sign in, to see that it waits for approval; a disabled one may not. */
export const canSignIn = (status: string): status is "ACTIVE" | "PENDING" =>
  status === "ACTIVE" || status === "PENDING";

/** Whether a session signed in at `signedInAt` (seconds) may still be used; one without a sign-in time may not. */
export function isWithinSessionLifetime(signedInAt: number | undefined, now = Date.now()): boolean {
  if (typeof signedInAt !== "number") return false;
  return now < (signedInAt + env().SESSION_MAX_AGE_DAYS * 24 * 60 * 60) * 1000;
}

/**
 * The claims as the database has them now, or null once the session was revoked, the account disabled or deleted,
 * or the session outlived its lifetime from sign-in. A database that cannot be reached throws
 * (database_unavailable): an outage says nothing about the session.
 */
export async function refreshClaims(claims: SessionClaims): Promise<SessionClaims | null> {
  if (!claims.uid || !isWithinSessionLifetime(claims.signedInAt)) return null;
  const current = await getUserSessionState(claims.uid).catch(rethrowIfDatabaseUnavailable);
  return applySessionState(claims, current);
}

export type SessionState = NonNullable<Awaited<ReturnType<typeof getUserSessionState>>>;

/**
 * The claims with the user's row as the database has it now (getUserSessionState's fields), or null when the session
 * was revoked or the account disabled or deleted. A chat turn reads that row with its first statement.
 */
export function applySessionState(claims: SessionClaims, current: SessionState | null): SessionClaims | null {
  if (!current || !canSignIn(current.status) || current.sessionVersion !== claims.sessionVersion) return null;
  return { ...claims, role: current.role, status: current.status, name: current.name, email: current.email };
}

export function sessionUserOf(claims: SessionClaims): SessionUser | null {
  const { uid, role, status } = claims;
  if (!uid || !role || !status) return null;
  return { id: uid, email: claims.email ?? "", name: claims.name ?? "", role, status };
}
