// Counters of attempts (failed sign-ins, registrations) by key, in PostgreSQL so that every app process shares
// them. Each change is one atomic statement: concurrent attempts cannot slip between a read and a write.
import { db, Prisma } from "./client";

export type AttemptCount = { count: number; windowStart: Date; lockedUntil: Date | null };

/**
 * Adds one to the count of each key `rows` selects, as (key, 1, now()); a window older than `windowSeconds` starts
 * again at one. A fragment, so that the /v1 call's one statement (api-call-context.ts) counts the same way.
 */
export function countAttemptsSql(rows: Prisma.Sql, windowSeconds: number): Prisma.Sql {
  const isOver = Prisma.sql`"AttemptCounter"."windowStart" < now() - make_interval(secs => ${windowSeconds}::float8)`;
  return Prisma.sql`
    INSERT INTO "AttemptCounter" (key, count, "windowStart") ${rows}
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN ${isOver} THEN 1 ELSE "AttemptCounter".count + 1 END,
      "windowStart" = CASE WHEN ${isOver} THEN now() ELSE "AttemptCounter"."windowStart" END
    RETURNING count, "windowStart", "lockedUntil"`;
}

/** Adds one to the key's count; a window older than `windowSeconds` starts again at one. */
export async function countAttempt(key: string, windowSeconds: number): Promise<AttemptCount> {
  const [row] = await db().$queryRaw<AttemptCount[]>(
    countAttemptsSql(Prisma.sql`VALUES (${key}, 1, now())`, windowSeconds),
  );
  if (!row) throw new Error(`Counting an attempt for ${key} returned no row`);
  return row;
}

export type TakenAttempt = { refusedUntil: Date | null };

/**
 * One attempt against a key's limit, in one transaction on the key's row: refused while the key is locked (and not
 * counted); otherwise counted, and the attempt that reaches `limit` locks the key at once, for `lockMs(count)`, before
 * the caller does the costly part. So concurrent attempts can never outnumber the limit (they queue on the row).
 */
export async function takeAttempt(
  key: string,
  options: { windowSeconds: number; limit: number; lockMs: (count: number) => number },
): Promise<TakenAttempt> {
  return db().$transaction(async (tx) => {
    // One statement that makes the row or locks it and returns it: with a separate insert and select, a sign-in that
    // succeeded in between (its counter forgotten: deleted) left the select with no row.
    const [row] = await tx.$queryRaw<AttemptCount[]>`
      INSERT INTO "AttemptCounter" (key, count, "windowStart") VALUES (${key}, 0, now())
      ON CONFLICT (key) DO UPDATE SET count = "AttemptCounter".count
      RETURNING count, "windowStart", "lockedUntil"`;
    if (!row) throw new Error(`Taking an attempt for ${key} returned no row`);
    const now = Date.now();
    if (row.lockedUntil && row.lockedUntil.getTime() > now) return { refusedUntil: row.lockedUntil };
    const isNewWindow = row.windowStart.getTime() < now - options.windowSeconds * 1000;
    const count = isNewWindow ? 1 : row.count + 1;
    const lockedUntil = count >= options.limit ? new Date(now + options.lockMs(count)) : row.lockedUntil;
    const windowStart = isNewWindow ? new Date(now) : row.windowStart;
    await tx.$executeRaw`
      UPDATE "AttemptCounter" SET count = ${count}, "windowStart" = ${windowStart}, "lockedUntil" = ${lockedUntil}
       WHERE key = ${key}`;
    return { refusedUntil: null };
  });
}

/** Takes back one counted attempt: one that turned out well, or one another key refused. */
export async function releaseAttempt(key: string): Promise<void> {
  await db().$executeRaw`UPDATE "AttemptCounter" SET count = greatest(count - 1, 0) WHERE key = ${key}`;
}

export async function forgetAttempts(key: string): Promise<void> {
  await db().attemptCounter.deleteMany({ where: { key } });
}

/** Rows whose window and lock both ended long ago: housekeeping, so that the table stays small. */
export async function deleteStaleAttempts(olderThan: Date): Promise<void> {
  await db().attemptCounter.deleteMany({
    where: { windowStart: { lt: olderThan }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: olderThan } }] },
  });
}
