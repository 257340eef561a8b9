// Requests written byte by byte on a socket, for what fetch cannot do: an upgrade, a body that never ends, a length
// that lies. And the server's side of those connections, read from /proc (Linux).
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import net from "node:net";

/** `answeredAfterMs`: from the call until the first byte of the answer (null: none came). */
export type RawExchange = { response: string; isClosedByServer: boolean; answeredAfterMs: number | null };

/** Opens a connection to the test server; `request` is written as is (the caller ends headers with \r\n\r\n). */
/** A WebSocket upgrade request as a browser writes it; `origin` when the page that opens it should be named. */
export function upgradeRequest(path: string, host: string, origin?: string): string {
  return [
    `GET ${path} HTTP/1.1`,
    `Host: ${host}`,
    ...(origin === undefined ? [] : [`Origin: ${origin}`]),
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    "",
    "",
  ].join("\r\n");
}

export function openRawConnection(baseUrl: string, request: string): Promise<net.Socket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => resolve(socket));
    socket.once("error", reject);
    socket.write(request);
  });
}

/** What the server answered, and whether it closed the connection itself before `timeoutMs`. */
export function readUntilServerCloses(socket: net.Socket, timeoutMs: number): Promise<RawExchange> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    let response = "";
    let answeredAfterMs: number | null = null;
    socket.on("data", (chunk: Buffer) => {
      answeredAfterMs ??= Date.now() - startedAt;
      response += chunk.toString("latin1");
    });
    // A reset while the client still writes counts as closed too.
    socket.on("error", () => {});
    const finish = (isClosedByServer: boolean) => {
      clearTimeout(timer);
      resolve({ response, isClosedByServer, answeredAfterMs });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once("close", () => finish(true));
    socket.once("end", () => finish(true));
  });
}

type TcpEntry = { localPort: number; remotePort: number; state: string; inode: string };

function tcpEntries(): TcpEntry[] {
  const port = (address = "") => Number.parseInt(address.split(":").at(-1) ?? "", 16);
  return ["/proc/net/tcp", "/proc/net/tcp6"].flatMap((file) =>
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .map((fields) => ({
        localPort: port(fields[1]),
        remotePort: port(fields[2]),
        state: fields[3] ?? "",
        inode: fields[9] ?? "0",
      })),
  );
}

function socketInodesOf(pid: string): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    const target = (() => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return "";
      }
    })();
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

/** The process listening on the test server's port. */
export function serverProcessId(baseUrl: string): string {
  const port = Number(new URL(baseUrl).port);
  const listening = new Set(
    tcpEntries()
      .filter((entry) => entry.localPort === port && entry.state === "0A")
      .map((entry) => entry.inode),
  );
  const pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  const owner = pids.find((pid) => {
    try {
      return [...socketInodesOf(pid)].some((inode) => listening.has(inode));
    } catch {
      return false;
    }
  });
  if (!owner) throw new Error(`No process listens on port ${port}`);
  return owner;
}

export function openFileCount(pid: string): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The server's own sockets of the connections from these client ports that the process still holds open. */
export function serverSocketsStillOpen(pid: string, baseUrl: string, clientPorts: number[]): number {
  const port = Number(new URL(baseUrl).port);
  const ports = new Set(clientPorts);
  const held = socketInodesOf(pid);
  return tcpEntries().filter(
    (entry) => entry.localPort === port && ports.has(entry.remotePort) && held.has(entry.inode),
  ).length;
}
