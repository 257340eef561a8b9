// Parley's HTTP server: the event-stream routes and the upload on node:http directly (see event-stream-routes.ts,
// upload-route.ts), everything else through Next's request handler, in this one process.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { FILE_CSP, isFileRoute, keepFileLength } from "../attachments/serve-file";
import { PAGE_PATH_HEADER } from "../auth/session";
import { countReservedStreams, stopAllReplies } from "../chat/reply-registry";
import { drain, waitUntilIdle } from "../cluster/drain";
import { countOpenReplies } from "../cluster/remote-replies";
import { joinCluster } from "../cluster/start-cluster";
import { env, publicSiteUrl } from "../env";
import { stampPeerAddress, warnOfUntrustedForwarding } from "../http/client-address";
import { serveWithRequestId } from "../observability/logging";
import { startMetricsServer } from "../observability/metrics-server";
import { servePageAnsweringOutagesAs503 } from "../observability/outage-log";
import { countApiCompletions } from "../v1/completion-route";
import { serveUnknownV1Endpoint } from "../v1/unknown-endpoints";
import { serveWithinBodyLimit } from "./body-limit";
import { startCleanUpSweep } from "./clean-up-sweep";
import { contentSecurityPolicy, createNonce, NONCE_HEADER } from "./content-security-policy";
import { isCrossOriginRequest } from "./cross-origin-guard";
import { serveEventStreamRoute } from "./event-stream-routes";
import { explainListenError, listenAddressOf } from "./listen-address";
import { LISTENING_DESCRIPTORS, listenThroughCopies } from "./listening-copies";
import { createPublicAddressCheck } from "./public-address-check";
import { sendRefusal } from "./refusal";
import { isSelfRequest, markForSelfRequests } from "./self-requests";
import { createUpgradeListener } from "./upgrade-guard";
import { serveUploadRoute } from "./upload-route";

export type AppServer = { close: () => Promise<void> };

// On every response, the streaming routes' and error bodies included: no framing (clickjacking on Stop or Delete),
// no MIME sniffing, no referrer to other hosts, no window of another site keeping a handle on ours (a popup
// opened by Parley, or one that opened Parley). Next's config adds the share pages' stricter ones.
const SECURITY_HEADERS = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
} as const;

const CROSS_SITE_REFUSAL = {
  code: "forbidden",
  message: "Cross-site request refused: this request did not come from Parley's own pages.",
} as const;

/** How long a shutdown waits for the replies it stops to be saved. */
const SHUTDOWN_SAVE_MS = 5000;

/** `isPublicUrlSet`: whether NEXTAUTH_URL was configured, or is the default the launcher filled in. */
export async function startAppServer(options: {
  dev: boolean;
  port: number;
  isPublicUrlSet: boolean;
}): Promise<AppServer> {
  const app = next({ dev: options.dev, dir: process.cwd(), hostname: "localhost", port: options.port });
  const handleNext = app.getRequestHandler();
  await app.prepare();
  const siteOrigin = new URL(publicSiteUrl()).origin;
  const checkPublicAddress = createPublicAddressCheck(publicSiteUrl(), options.isPublicUrlSet);
  // The lease and the bus before the first request: a reply started here must have a live owner from its first row.
  const cluster = await joinCluster();
  const { METRICS_PORT, METRICS_TOKEN, HOSTNAME } = env();
  const address = listenAddressOf(HOSTNAME);
  // A port that cannot be listened on ends the start: the lease and the bus are let go before it is reported.
  const metricsServer = METRICS_PORT
    ? await startMetricsServer({ port: METRICS_PORT, host: address, token: METRICS_TOKEN }).catch(async (error) => {
        await cluster.stop();
        throw explainListenError(error, "METRICS_PORT", address, METRICS_PORT);
      })
    : null;
  let isShuttingDown = false;
  const serveRoutes = (request: IncomingMessage, response: ServerResponse) => {
    if (serveEventStreamRoute(request, response) || serveUploadRoute(request, response)) return;
    if (serveUnknownV1Endpoint(request, response)) return;
    // Next stamps its scripts with the nonce it finds in the request's policy; the page gets it from NONCE_HEADER.
    const nonce = createNonce();
    const policy = contentSecurityPolicy(nonce, options.dev);
    request.headers["content-security-policy"] = policy;
    request.headers[NONCE_HEADER] = nonce;
    request.headers[PAGE_PATH_HEADER] = request.url ?? "/";
    const path = (request.url ?? "").split("?")[0] ?? "";
    response.setHeader("Content-Security-Policy", isFileRoute(path) ? FILE_CSP : policy);
    if (isFileRoute(path)) keepFileLength(response);
    // This process speaks plain HTTP, whatever a proxy in front spoke to the browser. Next takes the protocol it
    // reaches itself with from this header (a server action's redirect is rendered by a request to its own port):
    // behind a TLS proxy it spoke TLS to a plain port, and every sign-in logged an error. Parley's public address
    // comes from NEXTAUTH_URL, never from this header.
    delete request.headers["x-forwarded-proto"];
    markForSelfRequests(request);
    servePageAnsweringOutagesAs503(response, () => void handleNext(request, response));
  };
  const server = createServer((request, response) =>
    serveWithRequestId(request, response, () => serveRequest(request, response)),
  );
  function serveRequest(request: IncomingMessage, response: ServerResponse): void {
    // After the drain, a reply started now could not be saved before the process ends: refuse everything, plainly.
    if (isShuttingDown) {
      response.writeHead(503, { "Content-Type": "application/json", Connection: "close", "Retry-After": "5" });
      response.end(JSON.stringify({ error: { code: "unavailable", message: "The server is restarting. Try again." } }));
      return;
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    stampPeerAddress(request);
    if (!isSelfRequest(request)) {
      warnOfUntrustedForwarding(request);
      checkPublicAddress(request);
    }
    // Refused before the body is read: a cross-site request may carry one too.
    if (isCrossOriginRequest(request, siteOrigin)) {
      sendRefusal(response, CROSS_SITE_REFUSAL, true);
      return;
    }
    serveWithinBodyLimit(request, response, () => serveRoutes(request, response));
  }
  server.on("upgrade", createUpgradeListener(options.dev, app.getUpgradeHandler()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, address, resolve);
  }).catch(async (error) => {
    metricsServer?.close();
    await cluster.stop();
    throw explainListenError(error, "PORT", address, options.port);
  });
  const listeningCopies = await listenThroughCopies(server, LISTENING_DESCRIPTORS - 1);
  const stopCleanUpSweep = startCleanUpSweep();
  return {
    close: async () => {
      // The drain: readiness fails and new replies are refused (the load balancer sends them elsewhere) while the
      // running ones may finish, for SHUTDOWN_DRAIN_SECONDS. Then every request is refused, what still runs is
      // stopped and saved as interrupted, and only then are connections closed, so that readers get the final event.
      // Running: a turn past its stream slot (about to write and launch its reply) or its reply until saved, and a
      // /v1 completion until its usage is settled. Busy: those, and a reply whose stream is open (a title may still
      // follow its end; open from its start, so counted apart, not twice, in the log).
      const countRunning = () => countReservedStreams() + countApiCompletions();
      const countBusy = () => countRunning() + countOpenReplies();
      const running = countRunning();
      console.log(
        running > 0
          ? `[parley] stopping: no new replies; ${running} running may finish (up to ${env().SHUTDOWN_DRAIN_SECONDS} s)`
          : "[parley] stopping",
      );
      await drain(env().SHUTDOWN_DRAIN_SECONDS * 1000, countBusy);
      const unfinished = countRunning();
      if (unfinished > 0) console.log(`[parley] ${unfinished} still running: stopped and saved as interrupted`);
      isShuttingDown = true;
      stopCleanUpSweep();
      await stopAllReplies(SHUTDOWN_SAVE_MS);
      for (const copy of listeningCopies) copy.close();
      server.close();
      server.closeAllConnections();
      // The completions cut off with their connections still write their usage: the process waits for that, while
      // its lease still holds their reservations (another process would take them for a dead one's).
      await waitUntilIdle(SHUTDOWN_SAVE_MS, countApiCompletions);
      await cluster.stop();
      metricsServer?.close();
      await app.close();
    },
  };
}
