// Parley's HTTP server: the event-stream routes on node:http directly (see event-stream-routes.ts), everything
// else through Next's request handler, in this one process.
import { createServer } from "node:http";
import next from "next";
import { stopAllGenerations } from "../chat/generation-registry";
import { stampPeerAddress } from "../http/client-address";
import { contentSecurityPolicy, createNonce, NONCE_HEADER } from "./content-security-policy";
import { serveEventStreamRoute } from "./event-stream-routes";

export type AppServer = { close: () => Promise<void> };

// On every response, the streaming routes' and error bodies included: no framing (clickjacking on Stop or Delete),
// no MIME sniffing, no referrer to other hosts. Next's config adds the share pages' stricter ones.
const SECURITY_HEADERS = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
} as const;

/** How long a shutdown waits for the replies it stops to be saved. */
const SHUTDOWN_SAVE_MS = 5000;

export async function startAppServer(options: { dev: boolean; port: number }): Promise<AppServer> {
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: "localhost", port: options.port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  let isShuttingDown = false;
  const server = createServer((request, response) => {
    // A reply started now could not be saved before the process ends: refuse it, and everything else, plainly.
    if (isShuttingDown) {
      response.writeHead(503, { "Content-Type": "application/json", Connection: "close", "Retry-After": "5" });
      response.end(JSON.stringify({ error: { code: "unavailable", message: "The server is restarting. Try again." } }));
      return;
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    stampPeerAddress(request);
    if (serveEventStreamRoute(request, response)) return;
    // Next stamps its scripts with the nonce it finds in the request's policy; the page gets it from NONCE_HEADER.
    const nonce = createNonce();
    const policy = contentSecurityPolicy(nonce, options.dev);
    request.headers["content-security-policy"] = policy;
    request.headers[NONCE_HEADER] = nonce;
    response.setHeader("Content-Security-Policy", policy);
    void handleNext(request, response);
  });
  // Development's hot reload talks over WebSocket upgrades.
  const handleUpgrade = app.getUpgradeHandler();
  server.on("upgrade", (request, socket, head) => void handleUpgrade(request, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, resolve);
  });
  return {
    close: async () => {
      // New requests are refused from here on; the replies running now are stopped and saved, and only then are
      // connections closed, so that their readers receive the final event.
      isShuttingDown = true;
      await stopAllGenerations(SHUTDOWN_SAVE_MS);
      server.close();
      server.closeAllConnections();
      await app.close();
    },
  };
}
