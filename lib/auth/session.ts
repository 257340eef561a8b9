// Who is calling: the session user for pages and route handlers. Identity comes from the session only.

import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { AppError } from "../errors";
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
