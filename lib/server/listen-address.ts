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

/**
 * Why a port could not be listened on, said so that whoever starts Parley knows what to change (`what`: the
 * variable that sets it). Other errors are returned as they are.
 */
export function explainListenError(error: unknown, what: "PORT" | "METRICS_PORT", address: string, port: number) {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") {
    return new Error(
      `${address}:${port} is already in use (another Parley, or another program). Stop it, or set ${what} to a free port.`,
      { cause: error },
    );
  }
  if (code === "EACCES") {
    return new Error(
      `This user may not listen on port ${port} (ports below 1024 need privileges). Set ${what} to 1024 or above, ` +
        "and put a proxy such as nginx in front for ports 80 and 443.",
      { cause: error },
    );
  }
  return error;
}
