// A server on a company network, whose only way out is the HTTP proxy its environment names (HTTPS_PROXY,
// HTTP_PROXY): its model calls go through that proxy, as a CONNECT tunnel to an https:// provider and as a request
// for the whole URL to an http:// one, and so do its requests to an OpenID provider. The names models.example.test
// and sso.example.test resolve only inside the proxy, so a request that went around it would fail.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { type ForwardProxy, startForwardProxy } from "../support/forward-proxy";
import { startOidcIssuer } from "../support/oidc-issuer";
import { collectEvents } from "../support/read-events";
import { anonymousClient, registeredClient } from "../support/session-client";
import { makeDataDir, startAppServer } from "../support/test-stack";

const PROVIDER_HOST = "models.example.test";
const ISSUER_HOST = "sso.example.test";

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
  folder = makeDataDir("parley-proxy-");
  upstream = await startFakeUpstream({ scenario: { chunks: ["Through ", "the ", "proxy"] } });
  tlsFront = await startTlsFront();
  proxy = await startForwardProxy({ [PROVIDER_HOST]: "127.0.0.1", [ISSUER_HOST]: "127.0.0.1" });
});
afterAll(async () => {
  await proxy?.close();
  tlsFront?.close();
  await upstream?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** A server of its own on a database of its own, whose only way out is the proxy; its model at `providerUrl`. */
async function startServerBehindProxy(providerUrl: string, port?: number) {
  return startAppServer({
    databaseUrl: await createEmptyDatabase(),
    dataDir: mkdtempSync(path.join(folder, "data-")),
    port,
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
}

/** A first user's turn on a server behind the proxy whose provider is `providerUrl`: the reply's text. */
async function turnThroughProxy(providerUrl: string): Promise<string> {
  const server = await startServerBehindProxy(providerUrl);
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

it("checks an OpenID provider and starts its sign-in through the proxy", async () => {
  const port = await findFreePort();
  const issuer = await startOidcIssuer([`http://127.0.0.1:${port}/api/auth/callback/sso-corp`], ISSUER_HOST);
  const server = await startServerBehindProxy(`http://${PROVIDER_HOST}:${new URL(upstream.url).port}/v1`, port);
  try {
    proxy.requests.length = 0;
    const admin = await registeredClient("Admin", "long enough", server.baseUrl);
    const { clientId, clientSecret } = issuer;
    const added = await admin.json("/api/admin/sso-providers", {
      ...{ slug: "corp", label: "Corp", issuer: issuer.issuer, clientId, clientSecret },
    });
    expect(added.status).toBe(201);

    // next-auth's own discovery (openid-client) when someone starts signing in with it.
    const visitor = anonymousClient(server.baseUrl);
    const { csrfToken } = (await (await visitor.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const started = await visitor.fetch("/api/auth/signin/sso-corp", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: server.baseUrl }),
    });
    expect(started.status).toBe(302);
    expect(started.headers.get("location")).toMatch(new RegExp(`^${issuer.issuer}/auth\\?`));
    const discovery = `GET ${issuer.issuer}/.well-known/openid-configuration`;
    expect(proxy.requests.filter((request) => request === discovery)).toHaveLength(2);
  } finally {
    await server.stop();
    await issuer.close();
  }
});
