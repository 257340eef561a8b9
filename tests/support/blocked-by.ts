// Tests that hold a transaction open to stand for another admin's or another turn's write: wait until the server's
// statement is actually blocked by it, so that what happens next happens while the server waits.
import type { PoolClient } from "pg";
import { vi } from "vitest";
import { db } from "@/lib/db/client";

export async function waitUntilSomeoneWaitsFor(holder: PoolClient): Promise<void> {
  const { rows } = await holder.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  await vi.waitFor(
    async () => {
      const blocked = await db().$queryRaw<{ count: bigint }[]>`
        SELECT count(*) FROM pg_stat_activity WHERE ${rows[0]?.pid}::int = ANY(pg_blocking_pids(pid))`;
      if (Number(blocked[0]?.count) === 0) throw new Error("nothing waits for the held transaction yet");
    },
    { timeout: 5_000 },
  );
}
