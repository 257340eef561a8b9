// The processes' bus over PostgreSQL LISTEN/NOTIFY: one dedicated connection per process listens and sends.
// Everything this process sends goes out on that one session, in order, so every other process receives it in the
// order it was sent (PostgreSQL delivers one session's notifications in order). What is queued while the connection
// is down is sent once it is back; a payload that may have been sent before the failure is sent again, and readers
// drop what they already have (reply events carry their sequence number). After a reconnection the `onReconnected`
// handlers re-sync from what the owners and the database hold, for what this process may have missed meanwhile.
import { setTimeout as sleep } from "node:timers/promises";
import { type ListenConnection, openListenConnection } from "../db/listen-connection";
import { type BusMessage, createPayloadReader, packMessages, payloadPrefix } from "./bus-messages";
import { currentProcessId } from "./process-identity";

type BusHandlers = {
  /** `origin`: the sending process's id. */
  onMessage: (message: BusMessage, origin: string) => void;
  onReconnected: () => void;
};

type Bus = {
  queue: BusMessage[];
  connection: ListenConnection | null;
  isSending: boolean;
  isStopped: boolean;
  pieceCount: number;
  handlers: BusHandlers | null;
};

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 5_000;

// On globalThis: Next's route handlers (a Stop, an access change) send through the server's bus.
const globalForBus = globalThis as unknown as { parleyBus?: Bus };

function bus(): Bus | undefined {
  return globalForBus.parleyBus;
}

/** Sends to the other processes. Without a bus (a single process started without one, a script) it does nothing. */
export function broadcast(message: BusMessage): void {
  const current = bus();
  if (!current || current.isStopped) return;
  current.queue.push(message);
  void sendQueued(current);
}

/** Whether other processes can be reached: the bus was started in this process. */
export function isBusRunning(): boolean {
  return bus()?.isStopped === false;
}

/** Whether the bus is connected now (not waiting to reconnect). */
export function isBusConnected(): boolean {
  const current = bus();
  return current?.isStopped === false && current.connection !== null;
}

// One send at a time: what is queued meanwhile goes out together, in order, in the next payloads.
async function sendQueued(current: Bus): Promise<void> {
  if (current.isSending) return;
  current.isSending = true;
  try {
    while (current.connection && current.queue.length > 0) {
      const messages = current.queue.slice();
      const payloads = packMessages(currentProcessId(), messages, () => ++current.pieceCount);
      try {
        for (const payload of payloads) await current.connection.notify(payload);
        current.queue.splice(0, messages.length);
      } catch {
        // The connection's loss handler reconnects and sends the queue again.
        return;
      }
    }
  } finally {
    current.isSending = false;
  }
}

async function connect(current: Bus, isReconnection: boolean): Promise<void> {
  for (let wait = FIRST_RETRY_MS; !current.isStopped; wait = Math.min(wait * 2, LONGEST_RETRY_MS)) {
    const read = createPayloadReader();
    // Every notification this process sends comes back to it: dropped unparsed.
    const ownPrefix = payloadPrefix(currentProcessId());
    try {
      current.connection = await openListenConnection(
        currentProcessId(),
        (payload) => {
          if (payload.startsWith(ownPrefix)) return;
          const { origin, messages } = read(payload);
          if (origin === currentProcessId()) return;
          for (const message of messages) current.handlers?.onMessage(message, origin);
        },
        (error) => {
          current.connection = null;
          if (current.isStopped) return;
          console.warn(`[parley] the live bus connection was lost (${messageOf(error)}); reconnecting`);
          void connect(current, true);
        },
      );
      if (isReconnection) {
        console.log("[parley] the live bus connection is back");
        current.handlers?.onReconnected();
      }
      void sendQueued(current);
      return;
    } catch (error) {
      if (!isReconnection) throw error;
      await sleep(wait);
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Starts the bus of this process (once); a failure to connect at start is thrown, later ones are retried. */
export async function startBus(handlers: BusHandlers): Promise<void> {
  if (globalForBus.parleyBus && !globalForBus.parleyBus.isStopped) return;
  const current: Bus = { queue: [], connection: null, isSending: false, isStopped: false, pieceCount: 0, handlers };
  globalForBus.parleyBus = current;
  await connect(current, false);
}

/** Sends what is queued (a last Stop, a last event) and closes the connection. */
export async function stopBus(): Promise<void> {
  const current = bus();
  if (!current || current.isStopped) return;
  await sendQueued(current);
  current.isStopped = true;
  await current.connection?.close();
  current.connection = null;
}
