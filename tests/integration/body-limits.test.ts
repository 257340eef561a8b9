// Every route has a body cap that holds before anything reads the body, next-auth's sign-in included: a declared
// length over it is refused at once, a chunked body as soon as it passes it, and bodies within it work as before.
import { describe, expect, inject, it } from "vitest";
import { makeSignedInUser } from "../support/factories";
import { openRawConnection, readUntilServerCloses } from "../support/raw-http";

const SIGN_IN_PATH = "/api/auth/callback/credentials";

function postHead(path: string, host: string, lengthHeader: string): string {
  return [
    `POST ${path} HTTP/1.1`,
    `Host: ${host}`,
    "Content-Type: application/x-www-form-urlencoded",
    lengthHeader,
    "",
    "",
  ].join("\r\n");
}

describe("the body cap", () => {
  it("refuses a 300 MB sign-in at once, from its declared length, without waiting for the body", async () => {
    const baseUrl = inject("baseUrl");
    const socket = await openRawConnection(
      baseUrl,
      `${postHead(SIGN_IN_PATH, new URL(baseUrl).host, `Content-Length: ${300 * 1024 * 1024}`)}email=a`,
    );
    const { response, isClosedByServer, answeredAfterMs } = await readUntilServerCloses(socket, 8000);
    socket.destroy();
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toContain('"code":"payload_too_large"');
    expect(answeredAfterMs).toBeLessThan(1000);
    // The rest of the body never comes: after a short wait for it, the server closes the connection.
    expect(isClosedByServer).toBe(true);
  });

  it("cuts a chunked sign-in body without Content-Length once it passes the cap, while it is still coming", async () => {
    const baseUrl = inject("baseUrl");
    const socket = await openRawConnection(
      baseUrl,
      postHead(SIGN_IN_PATH, new URL(baseUrl).host, "Transfer-Encoding: chunked"),
    );
    const answer = readUntilServerCloses(socket, 8000);
    const chunk = "a".repeat(64 * 1024);
    // 2 MB, and no closing chunk: the body never ends, only the cap can answer it.
    for (let sent = 0; sent < 32 && !socket.destroyed; sent++) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }
    const { response, isClosedByServer } = await answer;
    socket.destroy();
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(isClosedByServer).toBe(true);
  });

  it("lets a chunked body within the cap through to its route", async () => {
    const user = await makeSignedInUser();
    const body = new Blob([JSON.stringify({})]).stream();
    const response = await user.fetch("/api/conversations", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(201);
  });

  it("keeps the import's larger cap: a 2 MB import is read and answered by the route", async () => {
    const user = await makeSignedInUser();
    const padding = "x".repeat(2 * 1024 * 1024);
    const response = await user.json("/api/account/import", { padding });
    // The route read it all and judged its content, rather than the server refusing its size.
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_an_export");
  });
});
