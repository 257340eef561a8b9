// A server on a company network, whose only way out is the HTTP proxy its environment names (HTTPS_PROXY,
// HTTP_PROXY): its model calls go through that proxy, as a CONNECT tunnel to an https:// provider and as a request
// for the whole URL to an http:// one. The provider's name, models.example.test, resolves only inside the proxy,
// so a call that went around it would fail.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { type ForwardProxy, startForwardProxy } from "../support/forward-proxy";
import { collectEvents } from "../support/read-events";
import { registeredClient } from "../support/session-client";
import { startAppServer } from "../support/test-stack";

const PROVIDER_HOST = "models.example.test";

let folder: string;
let upstream: FakeUpstream;
let proxy: ForwardProxy;
let tlsFront: Server;
let certificate: string;

/** The fake upstream behind TLS, with a certificate for the provider's name that the server is told to trust. */
async function startTlsFront(): Promise<Server> {
  const key = path.join(folder, "provider.key");
  certificate = path.join(folder, "provider.crt");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${PROVIDER_HOST}`],
      ...["-addext", `subjectAltName=DNS:${PROVIDER_HOST}`, "-keyout", key, "-out", certificate],
    ],
    { stdio: "ignore" },
  );
  const upstreamPort = new URL(upstream.url).port;
  const server = createHttpsServer(
    { key: readFileSync(key), cert: readFileSync(certificate) },
    (incoming, outgoing) => {
      const forwarded = httpRequest(
        {
          host: "127.0.0.1",
          port: upstreamPort,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on("error", () => outgoing.destroy());
      incoming.pipe(forwarded);
    },
  );
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return server;
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(os.tmpdir(), "parley-proxy-"));
  chmodSync(folder, 0o755);
  upstream = await startFakeUpstream({ scenario: { chunks: ["Through ", "the ", "proxy"] } });
  tlsFront = await startTlsFront();
  proxy = await startForwardProxy({ [PROVIDER_HOST]: "127.0.0.1" });
});
afterAll(async () => {
  await proxy?.close();
  tlsFront?.close();
  await upstream?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A server of its own whose provider is `providerUrl`, reached through the proxy; a first user's turn on it. */
async function turnThroughProxy(providerUrl: string): Promise<string> {
  const dataDir = mkdtempSync(path.join(folder, "data-"));
  const server = await startAppServer({
    databaseUrl: await createEmptyDatabase(),
    dataDir,
    extraEnv: {
      OPENAI_BASE_URL: providerUrl,
      OPENAI_API_KEY: "sk-through-proxy",
      OPENAI_MODELS: "fake-model",
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: proxy.url,
      NO_PROXY: "",
      NODE_EXTRA_CA_CERTS: certificate,
    },
  });
  try {
    const client = await registeredClient("Proxied", "long enough", server.baseUrl);
    const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
    const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Hello" }));
    const failure = events.find((event) => event.event === "error");
    if (failure) throw new Error(`The turn failed: ${JSON.stringify(failure.data)}`);
    return events.flatMap((event) => (event.event === "delta" ? [(event.data as { text: string }).text] : [])).join("");
  } finally {
    await server.stop();
  }
}

it("reaches an https:// provider through the proxy's CONNECT tunnel, with the provider's certificate checked", async () => {
  const port = (tlsFront.address() as AddressInfo).port;
  proxy.requests.length = 0;
  expect(await turnThroughProxy(`https://${PROVIDER_HOST}:${port}/v1`)).toBe("Through the proxy");
  expect(proxy.requests).toContain(`CONNECT ${PROVIDER_HOST}:${port}`);
});

it("asks the proxy for the whole URL of an http:// provider", async () => {
  const port = new URL(upstream.url).port;
  proxy.requests.length = 0;
  expect(await turnThroughProxy(`http://${PROVIDER_HOST}:${port}/v1`)).toBe("Through the proxy");
  expect(proxy.requests).toContain(`POST http://${PROVIDER_HOST}:${port}/v1/chat/completions`);
});
