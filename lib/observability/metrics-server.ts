// GET /metrics on a port of its own (METRICS_PORT; off when unset), so that it is never exposed with the app: bind
// it to a private interface, or set METRICS_TOKEN and scrape with `Authorization: Bearer <token>`.
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import { metrics } from "./metrics";

function hasToken(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(header ?? "");
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startMetricsServer(options: { port: number; host: string; token?: string }): Promise<Server> {
  // Made now rather than at the first scrape: the pool's waits are recorded from the start.
  metrics();
  const server = createServer((request, response) => {
    if ((request.url ?? "").split("?")[0] !== "/metrics" || request.method !== "GET") {
      response.writeHead(404).end();
      return;
    }
    if (!hasToken(request.headers.authorization, options.token)) {
      response.writeHead(401, { "WWW-Authenticate": "Bearer" }).end();
      return;
    }
    const { registry } = metrics();
    registry.metrics().then(
      (body) => response.writeHead(200, { "Content-Type": registry.contentType }).end(body),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
