// Odd input a hostile caller can send without an account, or with one: each gets a plain 4xx or a safe fallback,
// never a 500, a raw database error or a page of log.
import { randomUUID } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { makeAdmin, makeSignedInUser, makeUser } from "../support/factories";
import { anonymousClient, signedInClient } from "../support/session-client";

type ErrorBody = { error: { code: string; message: string } };

describe("NUL in a query string", () => {
  it("is refused with 400 by search and by the admin's user and audit filters", async () => {
    const user = await makeSignedInUser();
    const adminAccount = await makeAdmin();
    const admin = await signedInClient(adminAccount.email, adminAccount.password);
    for (const [client, path] of [
      [user, "/api/conversations/search?q=%00"],
      [admin, "/api/admin/users?q=a%00"],
      [admin, "/api/admin/audit-log?actor=%00"],
    ] as const) {
      const response = await client.fetch(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as ErrorBody).error.message).toMatch(/NUL/);
    }
  });
});

describe("the admin's user search", () => {
  it("matches % and _ as themselves, not as wildcards", async () => {
    const marker = randomUUID().slice(0, 8);
    const sure = await makeUser({ name: `Percent ${marker} 100% sure` });
    const adminAccount = await makeAdmin();
    const admin = await signedInClient(adminAccount.email, adminAccount.password);
    const search = async (text: string) => {
      const response = await admin.fetch(`/api/admin/users?q=${encodeURIComponent(text)}`);
      return ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
    };
    expect(await search(`${marker} 100%`)).toEqual([sure.id]);
    expect(await search(`${marker}%sure`)).toEqual([]);
    expect(await search(`${marker}_100`)).toEqual([]);
  });
});

describe("a callbackUrl", () => {
  it.each(["http://host:3000.evil.test/", "%E0%A4%A"])(
    "that cannot be parsed, %j, falls back to home on the sign-in page and gets a 400 from next-auth",
    async (callbackUrl) => {
      const anonymous = anonymousClient();
      for (const query of [`callbackUrl=${encodeURIComponent(callbackUrl)}`, `callbackUrl=${callbackUrl}`]) {
        const page = await anonymous.fetch(`/sign-in?${query}`);
        expect(page.status).toBe(200);
        await page.arrayBuffer();
        const signIn = await anonymous.fetch(`/api/auth/signin?${query}`);
        expect(signIn.status).toBe(400);
        expect(((await signIn.json()) as ErrorBody).error.message).toMatch(/callbackUrl/);
      }
      // The cookie next-auth keeps it in, forged: refused and cleared.
      const cookie = `next-auth.callback-url=${encodeURIComponent(callbackUrl)}`;
      const session = await anonymous.fetch("/api/auth/session", { headers: { cookie } });
      expect(session.status).toBe(400);
      expect(session.headers.get("set-cookie")).toMatch(/^next-auth\.callback-url=;.*Max-Age=0/);
    },
  );

  it("that leads to another site leads back to this one", async () => {
    const baseUrl = inject("baseUrl");
    const signIn = await anonymousClient().fetch(`/api/auth/signin?callbackUrl=${encodeURIComponent("//evil.test/")}`);
    expect(signIn.status).toBe(302);
    expect(new URL(signIn.headers.get("location") ?? "", baseUrl).origin).toBe(new URL(baseUrl).origin);
  });
});

describe("sign-in input", () => {
  it("with NUL or control characters fails like wrong credentials, with no internal text in the answer", async () => {
    const client = anonymousClient();
    const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    for (const email of ["\u0000", "a\u0000@example.test", "user\u0007@example.test"]) {
      const response = await client.fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, email, password: "whatever it is", json: "true" }),
      });
      const { url } = (await response.json()) as { url: string };
      expect(new URL(url).searchParams.get("error")).toBe("CredentialsSignin");
    }
  });

  it("with a malformed callbackUrl in the posted form leads home instead of failing", async () => {
    const client = anonymousClient();
    const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await client.fetch("/api/auth/signin/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "http://host:3000.evil.test/", json: "true" }),
    });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(new URL(url).origin).toBe(new URL(inject("baseUrl")).origin);
  });
});

describe("forged session cookies", () => {
  it("write one short line to the log, not a stack trace each", async () => {
    const logFile = inject("serverLogFile");
    const start = statSync(logFile).size;
    const written = () => readFileSync(logFile).subarray(start).toString("utf8");
    for (let attempt = 0; attempt < 5; attempt++) {
      // Plain fetch: a client would replace this cookie with the cleared one the first answer sets.
      const response = await fetch(`${inject("baseUrl")}/api/auth/session`, {
        headers: { cookie: `next-auth.session-token=forged-${randomUUID()}` },
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    // Only this test forges cookies, so the first of them is logged (the same error then waits a minute).
    await expect.poll(written, { timeout: 5000 }).toMatch(/^\[next-auth\] error JWT_SESSION_ERROR: [^\n]+$/m);
    expect(
      written()
        .split("\n")
        .filter((line) => line.includes("JWT_SESSION_ERROR")),
    ).toHaveLength(1);
    expect(written()).not.toMatch(/at \S*(jwtDecrypt|compactDecrypt)/);
  });
});

describe("the listening address", () => {
  it("is loopback only when HOSTNAME is not set", async () => {
    const { port } = new URL(inject("baseUrl"));
    // 127.0.0.2 reaches this machine's loopback interface too, but is not the address the server listens on.
    const outcome = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), "127.0.0.2", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(outcome).toBe("ECONNREFUSED");
  });
});
