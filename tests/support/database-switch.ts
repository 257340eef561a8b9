// A database outage on demand: a TCP relay between the app and its PostgreSQL that can be cut, which to the app is
// the database stopping (open connections drop, new ones are refused), and restored on the same address, which is
// the database coming back. The test cluster itself keeps running for the other test files.
import net from "node:net";
import { findFreePort } from "../../lib/bootstrap/embedded-postgres";

export type DatabaseSwitch = {
  /** `targetUrl` with the relay's address: hand it to the app. */
  databaseUrl: string;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  close: () => Promise<void>;
};

export async function startDatabaseSwitch(targetUrl: string): Promise<DatabaseSwitch> {
  const target = new URL(targetUrl);
  const port = await findFreePort();
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  const relayUrl = new URL(targetUrl);
  relayUrl.port = String(port);
  relayUrl.hostname = "127.0.0.1";
  return {
    databaseUrl: relayUrl.toString(),
    cut,
    restore: listen,
    close: () => (server.listening ? cut() : Promise.resolve()),
  };
}
