// An HTTP forward proxy, as a company network puts between its servers and the internet: CONNECT tunnels for https://
// and requests in absolute form ("POST http://host/path") for http://. Host names are resolved through `hosts`
// only, so a name that exists nowhere else (models.example.test) is reachable through this proxy and not around it.
import { createServer, request, type Server } from "node:http";
import net, { type AddressInfo } from "node:net";

export type ForwardProxy = {
  url: string;
  /** What it was asked for, in order: "CONNECT host:port" or "METHOD http://host:port/path". */
  requests: string[];
  close: () => Promise<void>;
};

export async function startForwardProxy(hosts: Record<string, string>): Promise<ForwardProxy> {
  const requests: string[] = [];
  // CONNECT tunnels are not the server's connections any more: closing the proxy ends them itself.
  const tunnels = new Set<net.Socket>();
  const resolve = (hostname: string) => hosts[hostname];
  const server: Server = createServer((incoming, outgoing) => {
    requests.push(`${incoming.method} ${incoming.url}`);
    // A proxy is asked for whole URLs: a bare path is a client's mistake, answered as such.
    const target = URL.canParse(incoming.url ?? "") ? new URL(incoming.url ?? "") : null;
    const address = target && resolve(target.hostname);
    if (!target || !address) {
      outgoing.writeHead(target ? 502 : 400).end(target ? `unknown host ${target.hostname}` : "not a URL");
      return;
    }
    const forwarded = request(
      { host: address, port: target.port || 80, path: target.pathname + target.search, method: incoming.method },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined && name !== "proxy-connection") forwarded.setHeader(name, value);
    }
    forwarded.on("error", () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.on("connect", (incoming, clientSocket, head) => {
    requests.push(`CONNECT ${incoming.url}`);
    const [hostname = "", port = "443"] = (incoming.url ?? "").split(":");
    const address = resolve(hostname);
    if (!address) {
      clientSocket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
      return;
    }
    tunnels.add(clientSocket as net.Socket);
    clientSocket.on("close", () => tunnels.delete(clientSocket as net.Socket));
    const upstream = net.connect(Number(port), address, () => {
      clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    upstream.on("error", () => clientSocket.destroy());
    clientSocket.on("close", () => upstream.destroy());
    clientSocket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((closed) => {
        server.closeAllConnections();
        for (const tunnel of tunnels) tunnel.destroy();
        server.close(() => closed());
      }),
  };
}
