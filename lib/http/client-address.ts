// The address a request comes from, for throttling. X-Forwarded-For is written by whoever sends the request, so
// it is read only when the connection comes from a proxy listed in TRUSTED_PROXY, and then only as far back as
// the chain of trusted proxies goes: the first address from the right that is not a trusted proxy is the client.
import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";
import { env } from "../env";

/**
 * The socket's peer address, written by Parley's own server on every request (over anything a client sent under
 * this name): Next's handlers see headers only, and Next keeps a client's own X-Forwarded-For as it is.
 */
export const PEER_ADDRESS_HEADER = "x-parley-peer-address";

export function stampPeerAddress(request: IncomingMessage): void {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
}

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

/** ::ffff:192.0.2.1 is 192.0.2.1; other IPv6 addresses count by their /64, the smallest block one user is given. */
function normalize(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (isIP(bare) !== 6) return bare;
  const [head = "", tail = ""] = bare.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = bare.includes("::") ? (tail ? tail.split(":") : []) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array(Math.max(missing, 0)).fill("0"), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
}

let trustedProxies: BlockList | undefined;

export function isTrustedProxy(address: string): boolean {
  if (!trustedProxies) {
    trustedProxies = new BlockList();
    for (const entry of env().TRUSTED_PROXY) {
      const [network = "", prefix] = entry.split("/");
      const family = isIP(network) === 6 ? "ipv6" : "ipv4";
      if (prefix === undefined) trustedProxies.addAddress(network, family);
      else trustedProxies.addSubnet(network, Number(prefix), family);
    }
  }
  const bare = address.replace(/^::ffff:(?=\d+\.)/i, "");
  const family = isIP(bare);
  return family !== 0 && trustedProxies.check(bare, family === 6 ? "ipv6" : "ipv4");
}

let hasWarnedOfUntrustedProxy = false;

/**
 * Once per process, the first request that names its client (X-Forwarded-For, Forwarded) from a peer TRUSTED_PROXY
 * does not list: behind a proxy left out of it, every user counts as the proxy for the limits per client address,
 * and the first sign of it was colleagues told "Too many attempts". Once: anyone may send the header.
 */
export function warnOfUntrustedForwarding(request: IncomingMessage): void {
  if (hasWarnedOfUntrustedProxy) return;
  const header = request.headers["x-forwarded-for"] !== undefined ? "X-Forwarded-For" : "Forwarded";
  if (header === "Forwarded" && request.headers.forwarded === undefined) return;
  const peer = (request.socket.remoteAddress ?? "").replace(/^::ffff:(?=\d+\.)/i, "");
  if (isIP(peer) === 0 || isTrustedProxy(peer)) return;
  hasWarnedOfUntrustedProxy = true;
  console.warn(
    `[parley] a request came with ${header} from ${peer}, which TRUSTED_PROXY does not name: its client is taken to ` +
      `be ${peer}, so every user behind a proxy there counts as one client for the limits per client address ` +
      `(registrations, failed sign-ins). If ${peer} is your reverse proxy, set TRUSTED_PROXY=${peer} (shown once).`,
  );
}

/** The client's address, or "unknown" when Parley's own server did not say who connected. */
export function getClientAddress(headers: HeaderSource): string {
  const peer = readHeader(headers, PEER_ADDRESS_HEADER)?.trim();
  if (!peer || isIP(peer) === 0) return "unknown";
  let client = peer;
  if (isTrustedProxy(peer)) {
    const forwarded = (readHeader(headers, "x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
    // Right to left: each trusted proxy vouches for the address before it; stop at the first one it cannot.
    for (const entry of forwarded.reverse()) {
      if (isIP(entry.replace(/^\[|\]$/g, "")) === 0) break;
      client = entry;
      if (!isTrustedProxy(entry)) break;
    }
  }
  return normalize(client);
}
