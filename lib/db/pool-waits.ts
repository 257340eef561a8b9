// How long each checkout of a database connection waited: for a free connection, for a new one to be opened, or in
// the pool's queue when all of them are in use (the pool's `waitingCount`). The metrics register a listener
// (lib/observability/metrics.ts), so that lib/db imports nothing of theirs; on globalThis, like the client itself:
// Next's route handlers and the server's own modules load this module separately and share one pool.
import type pg from "pg";

type WaitListener = (seconds: number) => void;
type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, done: () => void) => void;
type Connect = (callback?: ConnectCallback) => Promise<pg.PoolClient> | undefined;

const shared = globalThis as unknown as { parleyPoolWaitListener?: WaitListener };

export function onPoolWait(listener: WaitListener): void {
  shared.parleyPoolWaitListener = listener;
}

/** Wraps the pool's connect(), which its query() calls too: every checkout is timed, failed ones included. */
export function timeCheckouts(pool: pg.Pool): pg.Pool {
  const connect = pool.connect.bind(pool) as Connect;
  const observe = (startedAt: number) => shared.parleyPoolWaitListener?.((performance.now() - startedAt) / 1000);
  const timedConnect: Connect = (callback) => {
    const startedAt = performance.now();
    if (callback) {
      return connect((error, client, done) => {
        observe(startedAt);
        callback(error, client, done);
      });
    }
    return connect()?.finally(() => observe(startedAt));
  };
  (pool as unknown as { connect: Connect }).connect = timedConnect;
  return pool;
}
