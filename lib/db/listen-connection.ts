// The one connection per process that LISTENs for the other processes' notifications (lib/cluster/live-bus.ts)
// and sends this process's own. Not from the pool: a LISTEN belongs to a session, which a pooled connection (or a
// pooler in transaction mode) would hand to someone else.
import pg from "pg";
import { requireEnv } from "../env";
import { connectionOptionsFromUrl } from "./connection-options";

export const LIVE_CHANNEL = "parley_live";

// A notification not sent by then counts as a lost connection. A connection whose peer vanished without a reset (a
// failover, a partition) would otherwise hold every send until the kernel gave up retransmitting, about 15 minutes,
// while nothing was received either. The process sends at least every lease beat (5 s), so a send always comes soon.
const NOTIFY_TIMEOUT_MS = 10_000;

export type ListenConnection = {
  notify: (payload: string) => Promise<void>;
  close: () => Promise<void>;
};

/**
 * Connects and listens. `onLost` is called once when the connection fails or ends (not after `close`): the caller
 * reconnects.
 */
export async function openListenConnection(
  processId: string,
  onNotification: (payload: string) => void,
  onLost: (error: unknown) => void,
): Promise<ListenConnection> {
  const client = new pg.Client({
    ...connectionOptionsFromUrl(requireEnv("DATABASE_URL")),
    // Named, so that an operator (and a test) can find it in pg_stat_activity.
    application_name: `parley-listen-${processId}`,
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  let isClosing = false;
  let isLost = false;
  // Until connected and listening, a failure is the connect's rejection (the caller retries), not a loss.
  let isListening = false;
  const lose = (error: unknown) => {
    if (!isListening || isClosing || isLost) return;
    isLost = true;
    client.removeAllListeners("notification");
    void client.end().catch(() => {});
    onLost(error);
  };
  client.on("error", lose);
  client.on("end", () => lose(new Error("connection ended")));
  client.on("notification", (message) => {
    if (message.channel === LIVE_CHANNEL && message.payload) onNotification(message.payload);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${LIVE_CHANNEL}`);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  isListening = true;
  return {
    notify: (payload) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          const error = new Error(`a notification was not sent within ${NOTIFY_TIMEOUT_MS / 1000} s`);
          // Rejected at once, not when the stuck query ends: the sender moves on to the next connection.
          reject(error);
          lose(error);
        }, NOTIFY_TIMEOUT_MS);
        // A simple NOTIFY (one message out, no row back) rather than `SELECT pg_notify($1, $2)`: the extended
        // protocol's messages and result row cost more CPU than quoting, and a turn sends one.
        client
          .query(`NOTIFY ${LIVE_CHANNEL}, ${client.escapeLiteral(payload)}`)
          .then(() => resolve(), reject)
          .finally(() => clearTimeout(timer));
      }),
    close: async () => {
      isClosing = true;
      await client.end().catch(() => {});
    },
  };
}
