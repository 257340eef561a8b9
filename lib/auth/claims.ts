// What a session token says about its user, checked against the database on every use, so that a bumped
// sessionVersion, a disabled account or a demotion takes effect at once.
import { getUserSessionState } from "../db/users";
import type { SessionUser } from "./session";

export type SessionClaims = {
  uid?: string;
  sessionVersion?: number;
  role?: "ADMIN" | "USER";
  name?: string | null;
  email?: string | null;
};

/** The claims as the database has them now, or null once the session was revoked or the account disabled or deleted. */
export async function refreshClaims(claims: SessionClaims): Promise<SessionClaims | null> {
  if (!claims.uid) return null;
  const current = await getUserSessionState(claims.uid);
  const isStillValid = current && current.status === "ACTIVE" && current.sessionVersion === claims.sessionVersion;
  if (!isStillValid) return null;
  return { ...claims, role: current.role, name: current.name, email: current.email };
}

export function sessionUserOf(claims: SessionClaims): SessionUser | null {
  if (!claims.uid || !claims.role) return null;
  return { id: claims.uid, email: claims.email ?? "", name: claims.name ?? "", role: claims.role };
}
