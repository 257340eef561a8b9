// The bench's Parley user: registers, signs in through next-auth's real credentials flow, keeps the session
// cookie, and builds chat turns. (tests/support/session-client.ts reads vitest's inject, so it cannot run here.)
import type { TurnRequest } from "./sse-client";

export type Session = { baseUrl: string; email: string; cookie: string };

const PASSWORD = "bench password";
const CREATE_PARALLELISM = 8;

/** Keeps `name=value` of each Set-Cookie, later ones replacing earlier ones of the same name. */
function storeCookies(jar: Map<string, string>, response: Response): void {
  for (const setCookie of response.headers.getSetCookie()) {
    const [pair = ""] = setCookie.split(";");
    const separator = pair.indexOf("=");
    jar.set(pair.slice(0, separator), pair.slice(separator + 1));
  }
}

function formatCookies(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
}

export async function signUpAndIn(baseUrl: string): Promise<Session> {
  const email = `bench-${Date.now()}@example.test`;
  const registered = await fetch(`${baseUrl}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, name: "Bench" }),
  });
  if (!registered.ok) throw new Error(`Registering the bench user failed: HTTP ${registered.status}`);
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  storeCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: formatCookies(jar) },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  storeCookies(jar, signedIn);
  const session = { baseUrl, email, cookie: formatCookies(jar) };
  const check = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie: session.cookie } });
  const { user } = (await check.json()) as { user?: { id: string } };
  if (!user) throw new Error(`Signing the bench user in failed (HTTP ${signedIn.status})`);
  return session;
}

/**
 * The bench user is the install's first account, so an admin: it lifts the per-user stream limit (default 3),
 * since the bench measures how many streams one server carries, all of them started by this one user.
 */
export async function allowManyStreams(session: Session): Promise<void> {
  const response = await fetch(`${session.baseUrl}/api/admin/reply-streams`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: JSON.stringify({ limit: 1000 }),
  });
  if (!response.ok) throw new Error(`Lifting the stream limit failed: HTTP ${response.status}`);
}

export async function createConversation(session: Session): Promise<string> {
  const response = await fetch(`${session.baseUrl}/api/conversations`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: "{}",
  });
  if (!response.ok) throw new Error(`Creating a conversation failed: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** Created ahead of a measurement, a few at a time, so that their cost stays out of what is measured. */
export async function createConversations(session: Session, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const batch = Math.min(CREATE_PARALLELISM, count - ids.length);
    ids.push(...(await Promise.all(Array.from({ length: batch }, () => createConversation(session)))));
  }
  return ids;
}

export function buildTurnRequest(session: Session, conversationId: string, content = "hi"): TurnRequest {
  return {
    url: new URL(`${session.baseUrl}/api/conversations/${conversationId}/messages`),
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: JSON.stringify({ content }),
    format: "parley",
  };
}
