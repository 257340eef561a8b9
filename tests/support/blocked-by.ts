// Tests that hold a transaction open to stand for another admin's or another turn's write: wait until the server's
// statement is actually blocked by it, so that what happens next happens while the server waits.
import type { PoolClient } from "pg";
import { vi } from "vitest";
import { db, pool } from "@/lib/db/client";

/**
 * Waits until `count` sessions wait for the held transaction: directly, or behind a session that waits for it (a
 * second request queued on a lock the first took before it was blocked).
 */
export async function waitUntilSomeoneWaitsFor(holder: PoolClient, count = 1): Promise<void> {
  const { rows } = await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  await vi.waitFor(
    async () => {
      const blocked = await db().$queryRaw<{ count: bigint }[]>`
        WITH RECURSIVE waiting (pid) AS (
          SELECT pid FROM pg_stat_activity WHERE ${rows[0]?.pid}::int = ANY(pg_blocking_pids(pid))
          UNION
          SELECT a.pid FROM pg_stat_activity a, waiting w WHERE w.pid = ANY(pg_blocking_pids(a.pid))
        )
        SELECT count(*) FROM waiting`;
      if (Number(blocked[0]?.count) < count) throw new Error(`fewer than ${count} wait for the held transaction`);
    },
    { timeout: 5_000 },
  );
}

/**
 * Another admin's or tab's write, held open: runs `statements` in a transaction, starts `request`, and commits once
 * the request's statement waits for that transaction. The request's answer, once it has one.
 */
export async function answerAfterHeldWrite<T>(
  statements: [sql: string, values: unknown[]][],
  request: () => Promise<T>,
): Promise<T> {
  const other = await pool().connect();
  try {
    await other.query("BEGIN");
    for (const [sql, values] of statements) await other.query(sql, values);
    const answer = request();
    // A request that fails before it waits is reported below, as its own failure, not as a wait that timed out.
    answer.catch(() => {});
    await waitUntilSomeoneWaitsFor(other);
    await other.query("COMMIT");
    return await answer;
  } finally {
    await other.query("ROLLBACK"); // nothing left to undo once committed
    other.release();
  }
}
