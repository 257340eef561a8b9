// Who is calling: the session user for pages and route handlers. Identity comes from the session only.

import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { AppError } from "../errors";
import { getAuthOptions } from "./options";

// PENDING: registered under the approval policy and not yet approved; such a user sees only the waiting page.
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: "ADMIN" | "USER";
  status: "ACTIVE" | "PENDING";
};

export async function getSessionUser(): Promise<SessionUser | null> {
  // Per-request by nature: never prerender a page at build time around a session.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const user = session?.user as Partial<SessionUser> | undefined;
  if (!user?.id || !user.role || !user.status) return null;
  return { id: user.id, email: user.email ?? "", name: user.name ?? "", role: user.role, status: user.status };
}

/** For server pages: anonymous visitors go to sign-in, users awaiting approval to the waiting page. */
export async function requirePageUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.status === "PENDING") redirect("/waiting");
  return user;
}

/** For admin pages: a signed-in non-admin is told the page does not exist. */
export async function requirePageAdmin(): Promise<SessionUser> {
  const user = await requirePageUser();
  if (user.role !== "ADMIN") notFound();
  return user;
}

/** For route handlers: anonymous callers get 401, users awaiting approval 403. */
export async function requireApiUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  if (user.status === "PENDING") throw new AppError("forbidden", "Your account is waiting for an admin's approval.");
  return user;
}

/** For admin route handlers: 401 anonymous, 403 for everyone but admins. */
export async function requireApiAdmin(): Promise<SessionUser> {
  const user = await requireApiUser();
  if (user.role !== "ADMIN") throw new AppError("forbidden", "Only admins can do this.");
  return user;
}
