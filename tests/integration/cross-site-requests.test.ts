// CSRF: a state-changing request that a browser sent from another origin (another port of the same host, a sibling
// subdomain, anywhere) is refused with 403 before it does anything, on API, event-stream and next-auth routes alike.
// Parley's own pages, and clients that are not browsers (no Origin, no Sec-Fetch-Site), are served.
import { describe, expect, inject, it } from "vitest";
import { makeSignedInUser } from "../support/factories";
import type { Client } from "../support/session-client";

type ErrorBody = { error: { code: string; message: string } };

async function conversationCount(user: Client): Promise<number> {
  const { items } = (await (await user.fetch("/api/conversations")).json()) as { items: unknown[] };
  return items.length;
}

function post(user: Client, path: string, headers: Record<string, string>, body = "{}") {
  return user.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
}

describe("a state-changing request from another origin", () => {
  const sameHostOtherPort = () => {
    const url = new URL(inject("baseUrl"));
    return `${url.protocol}//${url.hostname}:${Number(url.port) + 1}`;
  };

  it.each([
    ["another port of the same host", () => ({ origin: sameHostOtherPort() })],
    ["another site", () => ({ origin: "https://evil.example" })],
    ["an opaque origin", () => ({ origin: "null" })],
    ["a sibling subdomain, as Sec-Fetch-Site tells", () => ({ "sec-fetch-site": "same-site" })],
    ["another site, as Sec-Fetch-Site tells", () => ({ "sec-fetch-site": "cross-site" })],
  ])("is refused from %s, and changes nothing", async (_, headersOf) => {
    const user = await makeSignedInUser();
    const before = await conversationCount(user);
    const response = await post(user, "/api/conversations", headersOf());
    expect(response.status).toBe(403);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/cross-site/i);
    expect(await conversationCount(user)).toBe(before);
  });

  it("is refused on the event-stream routes and on next-auth's, DELETE and PATCH included", async () => {
    const user = await makeSignedInUser();
    const { id } = (await (await user.json("/api/conversations", {})).json()) as { id: string };
    const origin = { origin: sameHostOtherPort() };
    expect((await post(user, `/api/conversations/${id}/messages`, origin, '{"content":"Hi"}')).status).toBe(403);
    expect((await user.fetch(`/api/conversations/${id}`, { method: "DELETE", headers: origin })).status).toBe(403);
    const rename = {
      method: "PATCH",
      headers: { ...origin, "content-type": "application/json" },
      body: '{"title":"x"}',
    };
    expect((await user.fetch(`/api/conversations/${id}`, rename)).status).toBe(403);
    const signOut = await user.fetch("/api/auth/signout", {
      method: "POST",
      headers: { ...origin, "content-type": "application/x-www-form-urlencoded" },
      body: "csrfToken=x",
    });
    expect(signOut.status).toBe(403);
    // Still there, untitled, and the user still signed in.
    const conversation = await user.fetch(`/api/conversations/${id}`);
    expect(conversation.status).toBe(200);
    expect(JSON.stringify(await conversation.json())).not.toContain(`"title":"x"`);
    const session = (await (await user.fetch("/api/auth/session")).json()) as { user?: unknown };
    expect(session.user).toBeDefined();
  });

  it("is served from Parley's own pages, and from clients that are not browsers", async () => {
    const user = await makeSignedInUser();
    const baseUrl = inject("baseUrl");
    expect((await post(user, "/api/conversations", { origin: baseUrl })).status).toBe(201);
    expect((await post(user, "/api/conversations", { "sec-fetch-site": "same-origin", origin: baseUrl })).status).toBe(
      201,
    );
    expect((await post(user, "/api/conversations", {})).status).toBe(201);
    // Reading stays open to any origin: only what changes something is checked.
    expect((await user.fetch("/api/conversations", { headers: { origin: "https://evil.example" } })).status).toBe(200);
  });
});
