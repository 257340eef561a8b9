// DATABASE_URL without sslmode is read as psql reads it (libpq's `prefer`): TLS whenever the server offers it. The
// servers here speak only the start of PostgreSQL's protocol: the answer to the client's TLS request, then, over
// TLS, a refusal of the password (a test certificate, tests/fixtures/tls, made for these tests).
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { TLSSocket } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { withDefaultTlsMode } from "@/lib/db/connection-options";
import { describeConnectionRefusal } from "@/lib/db/connection-refusal";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));

/** PostgreSQL's ErrorResponse message: severity, SQLSTATE and text. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0C${code}\0M${message}\0\0`);
  const header = Buffer.alloc(5);
  header.write("E");
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

let server: Server | null = null;
let handshakes = 0;
afterEach(() => {
  server?.close();
  server = null;
});

/** A server that answers the TLS request with `answer` ("S": yes, "N": no TLS here; "": never); its URL. */
async function startServer(answer: "S" | "N" | ""): Promise<string> {
  server = createServer((socket: Socket) => {
    socket.once("data", () => {
      if (answer === "") return;
      socket.write(answer);
      if (answer === "N") return;
      const secure = new TLSSocket(socket, {
        isServer: true,
        key: fixture("localhost.key"),
        cert: fixture("localhost.crt"),
      });
      secure.once("secure", () => handshakes++);
      secure.once("data", () => secure.end(errorResponse("28P01", 'password authentication failed for user "u"')));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return `postgresql://u:p@127.0.0.1:${port}/parley`;
}

describe("the TLS mode of a DATABASE_URL that names none", () => {
  it("is prefer (TLS, as psql would use) when the server offers TLS", async () => {
    const url = await startServer("S");
    handshakes = 0;
    expect(await withDefaultTlsMode(url)).toBe(`${url}?sslmode=prefer`);
    expect(handshakes).toBe(1);
    expect(await withDefaultTlsMode(`${url}?application_name=x`)).toBe(`${url}?application_name=x&sslmode=prefer`);
  });

  it("stays in the clear when the server has no TLS, does not answer in time, or cannot be reached", async () => {
    const url = await startServer("N");
    expect(await withDefaultTlsMode(url)).toBe(url);
    server?.close();
    expect(await withDefaultTlsMode(url)).toBe(url);
    const silent = await startServer("");
    expect(await withDefaultTlsMode(silent, 300)).toBe(silent);
  });

  it("is left as the URL says when it names one", async () => {
    const url = await startServer("S");
    expect(await withDefaultTlsMode(`${url}?sslmode=disable`)).toBe(`${url}?sslmode=disable`);
    expect(await withDefaultTlsMode(`${url}?sslmode=verify-full`)).toBe(`${url}?sslmode=verify-full`);
  });
});

describe("the admin's words for a refused connection", () => {
  it("says that a server which accepts only encrypted connections needs sslmode", () => {
    const refusal = Object.assign(
      new Error('pg_hba.conf rejects connection for host "10.0.0.5", user "parley", database "parley", no encryption'),
      { code: "28000" },
    );
    expect(describeConnectionRefusal(refusal)).toContain("accepts only encrypted connections: add sslmode=require");
  });

  it("names sslrootcert for a certificate that could not be verified", () => {
    const unverified = Object.assign(new Error("unable to verify the first certificate"), {
      code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    });
    expect(describeConnectionRefusal(unverified)).toContain("add sslrootcert=/path/to/ca.pem");
  });

  it("leaves a wrong password and an unreachable server to Prisma's words", () => {
    expect(
      describeConnectionRefusal(Object.assign(new Error("password authentication failed"), { code: "28P01" })),
    ).toBeNull();
    expect(
      describeConnectionRefusal(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })),
    ).toBeNull();
  });
});
