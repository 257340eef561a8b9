// The physical-limit baseline: the least a chat relay can do. It takes a client's message, asks the upstream for a
// streamed completion over plain HTTP and pipes each SSE event to the client as it arrives. No auth, no database,
// no SDK, no parsing. Runs as its own process so that its CPU and memory can be read apart from the load generator:
//   node --import tsx tests/bench/raw-relay.ts --upstream http://127.0.0.1:PORT/v1
// It prints {"port":N} on its first stdout line.
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { upstream: { type: "string" } } });
if (!values.upstream) throw new Error("Usage: raw-relay.ts --upstream http://127.0.0.1:PORT/v1");
const completionsUrl = new URL(`${values.upstream.replace(/\/$/, "")}/chat/completions`);
// Unlimited sockets: the relay must never queue streams behind a connection pool limit.
const upstreamAgent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

async function relayTurn(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { content } = JSON.parse((await text(req)) || "{}") as { content?: string };
  const body = JSON.stringify({
    model: "fake-model",
    messages: [{ role: "user", content: content ?? "hi" }],
    stream: true,
  });
  const upstreamRequest = request(completionsUrl, {
    method: "POST",
    agent: upstreamAgent,
    headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
  });
  // A client leaving ends the upstream call, as a real relay must to stop paying for tokens nobody reads.
  res.on("close", () => upstreamRequest.destroy());
  upstreamRequest.on("error", () => res.destroy());
  upstreamRequest.on("response", (upstream) => {
    res.writeHead(upstream.statusCode ?? 502, {
      "content-type": upstream.headers["content-type"] ?? "text/event-stream",
      "cache-control": "no-cache, no-transform",
    });
    res.flushHeaders();
    upstream.pipe(res);
  });
  upstreamRequest.end(body);
}

const server = createServer((req, res) => void relayTurn(req, res).catch(() => res.destroy()));
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
const shutdown = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once("SIGTERM", shutdown).once("SIGINT", shutdown);
