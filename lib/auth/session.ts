// Who is calling: the session user for pages and route handlers. Identity comes from the session only.

import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import { requireEnv } from "../env";
import { AppError } from "../errors";
import { refreshClaims, sessionUserOf } from "./claims";
import { getAuthOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string; role: "ADMIN" | "USER" };

export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerender a page at build time around a session.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.role) return null;
  return { id: user.id, email: user.email ?? "", name: user.name ?? "", role: user.role };
}

/** For server pages: anonymous visitors go to sign-in. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** For route handlers: anonymous callers get 401. */
export async function requireApiUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

function readCookies(cookieHeader: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of cookieHeader?.split(";") ?? []) {
    const separator = pair.indexOf("=");
    if (separator <= 0) continue;
    const value = pair.slice(separator + 1).trim();
    try {
      cookies.set(pair.slice(0, separator).trim(), decodeURIComponent(value));
    } catch {
      // A malformed cookie cannot be a session: skip it.
    }
  }
  return cookies;
}

/**
 * The same session for the routes served outside Next (lib/server), read from the request's cookies and
 * checked against the database like every other request. A bearer header is ignored: sessions are cookies.
 */
export async function requireRequestUser(request: Request): Promise<SessionUser> {
  const cookieSource = { cookies: readCookies(request.headers.get("cookie")), headers: {} };
  const token = await getToken({
    req: cookieSource as unknown as Parameters<typeof getToken>[0]["req"],
    secret: requireEnv("AUTH_SECRET"),
  });
  const claims = token && (await refreshClaims(token));
  const user = claims && sessionUserOf(claims);
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
