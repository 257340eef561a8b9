// Where the server listens. Loopback by default: a fresh install is not reachable from the network (where a
// stranger could register first and become the admin) until HOSTNAME says so, e.g. HOSTNAME=0.0.0.0 in Docker or
// behind a reverse proxy on another machine.
import os from "node:os";

export const DEFAULT_LISTEN_ADDRESS = "127.0.0.1";

/**
 * HOSTNAME as configured, unless it is just the machine's own name: Docker and some shells export HOSTNAME as the
 * host's name, which says nothing about where to listen (and would bind to one interface only).
 */
export function listenAddressOf(hostname: string | undefined, machineName = os.hostname()): string {
  if (!hostname || hostname === machineName) return DEFAULT_LISTEN_ADDRESS;
  return hostname;
}
