// Who is calling: the session user for pages and route handlers. Identity comes from the session only.

import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { AppError } from "../errors";
import { readCookies } from "../http/cookies";
import {
  applySessionState,
  isWithinSessionLifetime,
  refreshClaims,
  type SessionClaims,
  type SessionState,
  sessionUserOf,
} from "./claims";
import { decodeSessionToken } from "./decoded-tokens";

// PENDING: registered under the approval policy and not yet approved; such a user sees only the waiting page.
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "USER";
  status: "ACTIVE" | "PENDING";
};

type CookieSource = Parameters<typeof decodeSessionToken>[0];

/**
 * The session token's user as the database has it now. Read here rather than through getServerSession, which
 * turns every failure of the check into "signed out": a database outage must reach the caller as one (503).
 */
async function readSessionUser(cookieSource: CookieSource): Promise<SessionUser | null> {
  const token = await decodeSessionToken(cookieSource);
  const claims = token && (await refreshClaims(token));
  return claims ? sessionUserOf(claims) : null;
}

export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerender a page at build time around a session.
  await connection();
  // Loaded here: the launcher's own server (lib/server) imports this module before Next is up to provide it.
  const { cookies } = await import("next/headers");
  return readSessionUser(await cookies());
}

/** The path and query a request asked for, set by the app server (lib/server) on every request it hands to Next. */
export const PAGE_PATH_HEADER = "x-parley-page-path";

/** Sign-in, then back to the page asked for: a link to a conversation still opens it once signed in. */
async function signInAddress(): Promise<string> {
  const { headers } = await import("next/headers");
  const asked = new URL((await headers()).get(PAGE_PATH_HEADER) ?? "/", "http://parley.invalid");
  // A client-side navigation's request for the page's data, not the page's address.
  asked.searchParams.delete("_rsc");
  const path = `${asked.pathname}${asked.search}`;
  return path === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(path)}`;
}

/** For server pages: anonymous visitors go to sign-in, users awaiting approval to the waiting page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(await signInAddress());
  if (user.status === "PENDING") redirect("/waiting");
  return user;
}

/** For admin pages: a signed-in non-admin is told the page does not exist. */
export async function requirePageAdmin(): Promise<SessionUser> {
  const user = await requirePageUser();
  if (user.role !== "ADMIN") notFound();
  return user;
}

const signInFirst = () => new AppError("unauthorized", "Sign in to continue.");

/** What every API caller must be: signed in (401) and not awaiting approval (403). */
function checkApiUser(user: SessionUser | null): SessionUser {
  if (!user) throw signInFirst();
  if (user.status === "PENDING") throw new AppError("forbidden", "Your account is waiting for an admin's approval.");
  return user;
}

/** For route handlers: anonymous callers get 401, users awaiting approval 403. */
export async function requireApiUser(): Promise<SessionUser> {
  return checkApiUser(await getSessionUser());
}

/** For admin route handlers: 401 anonymous, 403 for everyone but admins. */
export async function requireApiAdmin(): Promise<SessionUser> {
  const user = await requireApiUser();
  if (user.role !== "ADMIN") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}

/**
 * The same session for the routes served outside Next (lib/server), read from the request's cookies and
 * checked against the database like every other request. A bearer header is ignored: sessions are cookies.
 */
export async function requireRequestUser(cookieHeader: string | undefined): Promise<SessionUser> {
  return checkApiUser(await readSessionUser(readCookies(cookieHeader)));
}

/** A session token's claims, decoded but not yet checked against the database. */
export type UncheckedClaims = SessionClaims & { uid: string };

/**
 * For the chat turn, whose first statement reads the user's row with everything else it needs
 * (lib/db/turn-context.ts): the token's claims (401 without a usable one), to check with checkSessionState.
 */
export async function readRequestClaims(cookieHeader: string | undefined): Promise<UncheckedClaims> {
  const claims = await decodeSessionToken(readCookies(cookieHeader));
  if (!claims?.uid || !isWithinSessionLifetime(claims.signedInAt)) throw signInFirst();
  return { ...claims, uid: claims.uid };
}

/** The check of requireRequestUser on the user's row read elsewhere: 401 once revoked, 403 awaiting approval. */
export function checkSessionState(claims: UncheckedClaims, state: SessionState | null): SessionUser {
  const current = applySessionState(claims, state);
  return checkApiUser(current && sessionUserOf(current));
}
