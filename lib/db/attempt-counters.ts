// Counters of attempts (failed sign-ins, registrations) by key, in PostgreSQL so that every app process shares
// them. Each change is one atomic statement: concurrent attempts cannot slip between a read and a write.
import { db } from "./client";

export type AttemptCount = { count: number; windowStart: Date; lockedUntil: Date | null };

/** The latest lock among `keys` that has not run out yet, or null. */
export async function getActiveLock(keys: string[]): Promise<Date | null> {
  const row = await db().attemptCounter.findFirst({
    where: { key: { in: keys }, lockedUntil: { gt: new Date() } },
    orderBy: { lockedUntil: "desc" },
    select: { lockedUntil: true },
  });
  return row?.lockedUntil ?? null;
}

/** Adds one to the key's count; a window older than `windowSeconds` starts again at one. */
export async function countAttempt(key: string, windowSeconds: number): Promise<AttemptCount> {
  const [row] = await db().$queryRaw<AttemptCount[]>`
    INSERT INTO "AttemptCounter" (key, count, "windowStart")
    VALUES (${key}, 1, now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "AttemptCounter"."windowStart" < now() - make_interval(secs => ${windowSeconds}::float8)
                   THEN 1 ELSE "AttemptCounter".count + 1 END,
      "windowStart" = CASE WHEN "AttemptCounter"."windowStart" < now() - make_interval(secs => ${windowSeconds}::float8)
                           THEN now() ELSE "AttemptCounter"."windowStart" END
    RETURNING count, "windowStart", "lockedUntil"`;
  if (!row) throw new Error(`Counting an attempt for ${key} returned no row`);
  return row;
}

export async function lockKey(key: string, until: Date): Promise<void> {
  await db().attemptCounter.update({ where: { key }, data: { lockedUntil: until } });
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
