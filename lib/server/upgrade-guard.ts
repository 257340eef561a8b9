// WebSocket upgrades: Parley serves none of its own. An upgrade handed to Next that Next does not serve is neither
// answered nor closed, so each one held a socket (a file descriptor) forever; every upgrade is answered here,
// except development's hot reload, which Next serves.
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { refuseOnSocket } from "./refusal";

type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void> | void;

// Next 16's development server takes its hot-reload socket at /_next/hmr (next/dist/server/lib/router-server.js).
const NEXT_HOT_RELOAD_PATH = "/_next/hmr";

export function createUpgradeListener(isDevelopment: boolean, handleNextUpgrade: UpgradeHandler): UpgradeHandler {
  return (request, socket, head) => {
    const path = (request.url ?? "").split("?")[0] ?? "";
    if (isDevelopment && path.startsWith(NEXT_HOT_RELOAD_PATH)) {
      void handleNextUpgrade(request, socket, head);
      return;
    }
    refuseOnSocket(socket, { code: "invalid_input", message: "Parley accepts no WebSocket connection here." });
  };
}
