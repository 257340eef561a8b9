// An HTTP client that signs in through next-auth's real credentials flow and keeps the session cookie.
import { inject } from "vitest";

export type Client = {
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  json: (path: string, body: unknown, method?: string) => Promise<Response>;
  /** The session's Cookie header, for a request fetch cannot make (a body sent in part, then held). */
  cookieHeader: () => string;
};

function buildClient(baseUrl: string, cookies: Map<string, string>): Client {
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const clientFetch = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set("cookie", cookieHeader());
    const response = await fetch(`${baseUrl}${path}`, { ...init, headers, redirect: "manual" });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair = ""] = setCookie.split(";");
      const separator = pair.indexOf("=");
      cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  };
  return {
    fetch: clientFetch,
    json: (path, body, method = "POST") =>
      clientFetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    cookieHeader,
  };
}

export function anonymousClient(baseUrl = inject("baseUrl")): Client {
  return buildClient(baseUrl, new Map());
}

export async function signedInClient(email: string, password: string, baseUrl = inject("baseUrl")): Promise<Client> {
  const client = buildClient(baseUrl, new Map());
  const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" });
  const response = await client.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const session = (await (await client.fetch("/api/auth/session")).json()) as { user?: { id: string } };
  if (!session.user) throw new Error(`Sign-in failed for ${email} (status ${response.status})`);
  return client;
}

/** Registers `name@example.test` through the form's API on `baseUrl` (a server of the test's own) and signs it in. */
export async function registeredClient(name: string, password: string, baseUrl: string): Promise<Client> {
  const email = `${name.toLowerCase()}@example.test`;
  const registered = await anonymousClient(baseUrl).json("/api/auth/register", { email, password, name });
  if (registered.status !== 201) throw new Error(`Registering ${email} answered ${registered.status}`);
  return signedInClient(email, password, baseUrl);
}
