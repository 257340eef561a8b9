// The running totals limits are checked against (UsageCounter) and the open reservations on them
// (UsageReservation). A reservation is taken on all of a turn's counters in one statement that refuses when any
// would pass its cap; concurrent turns queue on the counters' row locks, so they cannot all see the same room.

import { db, Prisma } from "./client";
import { queryPrepared } from "./direct-query";
import { createId } from "./ids";

export type CounterSpec = {
  /** "<subject>:<period>:<label>:<kind>", e.g. "user:abc:day:2026-12-05:tokens". */
  key: string;
  subject: { column: "userId" | "teamId"; id: string };
  kind: "tokens" | "cost";
  from: Date;
  until: Date;
  /** What this turn reserves on it, and the counter's cap. */
  amount: number;
  cap: number;
};

const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * A counter made for the first time starts from the ledger's sum over its period (a limit set mid-month counts
 * what was already used), plus the open reservations on its key: a counter made again while turns run (an admin's
 * new limit or price deletes counters) must hold what their settles will take back. A turn that wrote its ledger
 * row and has not settled yet counts once on a counter its reservation holds, by that reservation (its settle then
 * replaces it by the row's figures), not by both; on any other counter (a limit added meanwhile), by its row. Left: a settle that commits while this statement runs may miss the counter it is making, which then
 * keeps that turn's reservation instead of its use, until the counter is made again. Tokens are prompt +
 * completion; money is priced with today's ModelPrice rows.
 */
async function ensureCounters(specs: CounterSpec[]): Promise<void> {
  for (const spec of specs) {
    const subjectMatch =
      spec.subject.column === "userId"
        ? Prisma.sql`r."userId" = ${spec.subject.id}`
        : Prisma.sql`r."teamId" = ${spec.subject.id}`;
    const amount =
      spec.kind === "tokens"
        ? Prisma.sql`r."promptTokens" + r."completionTokens"`
        : Prisma.sql`ceil(r."promptTokens" * coalesce(p."inputPerMillion", 0) + r."completionTokens" * coalesce(p."outputPerMillion", 0))`;
    const reserved = spec.kind === "tokens" ? Prisma.sql`o.tokens` : Prisma.sql`o."costMicros"`;
    await db().$executeRaw`
      INSERT INTO "UsageCounter" (key, amount, "periodEnd")
      SELECT ${spec.key},
             (coalesce(sum(${amount}), 0) + (SELECT coalesce(sum(${reserved}), 0) FROM "UsageReservation" o
                                               WHERE ${spec.key} = ANY(o.keys)))::bigint,
             ${utc(spec.until)}
        FROM "ReplyUsage" r LEFT JOIN "ModelPrice" p ON p."modelId" = r."modelId"
       WHERE ${subjectMatch} AND r."createdAt" >= ${utc(spec.from)} AND r."createdAt" < ${utc(spec.until)}
         AND NOT EXISTS (SELECT 1 FROM "UsageReservation" open
                          WHERE open.id = r."reservationId" AND ${spec.key} = ANY(open.keys))
      ON CONFLICT (key) DO NOTHING`;
  }
}

/** `refused`: the counters that would pass their cap, with what they hold already (used and reserved). */
export type ReserveOutcome =
  | { reservationId: string; refused: null }
  | { reservationId: null; refused: { key: string; used: number }[] };

/**
 * Reserves `amount` on every counter at once, or on none: the counters are locked in key order (no deadlock between
 * turns sharing a team), each is checked against its cap with its newest value, and only when none would pass it are
 * they raised and the reservation recorded. The counters exist after the first turn of their period, so the
 * reservation is tried first, in one statement (a named prepared one: it is on the path to the first token); when
 * one is missing it writes nothing and says which, and it runs again once they are made.
 */
export async function reserveOnCounters(
  specs: CounterSpec[],
  totals: { tokens: number; costMicros: number },
  ownerProcessId: string,
): Promise<ReserveOutcome> {
  const first = await tryReservation(specs, totals, ownerProcessId, true);
  if (first.missing.length === 0) return first.outcome;
  await ensureCounters(specs.filter((spec) => first.missing.includes(spec.key)));
  // A counter deleted again meanwhile (an admin's new limit) is left out, as it was when the reservation was made.
  return (await tryReservation(specs, totals, ownerProcessId, false)).outcome;
}

async function tryReservation(
  specs: CounterSpec[],
  totals: { tokens: number; costMicros: number },
  ownerProcessId: string,
  needsAll: boolean,
): Promise<{ outcome: ReserveOutcome; missing: string[] }> {
  const id = createId();
  const wanted = Prisma.join(
    specs.map((spec) => Prisma.sql`(${spec.key}, ${spec.amount}::bigint, ${spec.cap}::bigint)`),
  );
  const keys = specs.map((spec) => spec.key);
  const [row] = await queryPrepared<{ refused: string[] | null; used: string[] | null; missing: string[] | null }>(
    Prisma.sql`
    WITH wanted (key, amount, cap) AS (VALUES ${wanted}),
    locked AS (
      SELECT c.key, c.amount FROM "UsageCounter" c WHERE c.key = ANY(${keys}::text[]) ORDER BY c.key FOR UPDATE
    ),
    missing AS (
      SELECT w.key FROM wanted w WHERE ${needsAll}::boolean AND NOT EXISTS (SELECT 1 FROM locked l WHERE l.key = w.key)
    ),
    refused AS (
      SELECT w.key, l.amount FROM wanted w JOIN locked l ON l.key = w.key WHERE l.amount + w.amount > w.cap
    ),
    raised AS (
      UPDATE "UsageCounter" c SET amount = c.amount + w.amount
        FROM wanted w WHERE c.key = w.key AND NOT EXISTS (SELECT 1 FROM refused) AND NOT EXISTS (SELECT 1 FROM missing)
      RETURNING c.key
    ),
    reservation AS (
      INSERT INTO "UsageReservation" (id, keys, tokens, "costMicros", "ownerProcessId", "createdAt")
      SELECT ${id}, ${keys}::text[], ${totals.tokens}::int, ${totals.costMicros}::bigint, ${ownerProcessId},
             now() AT TIME ZONE 'UTC'
       WHERE NOT EXISTS (SELECT 1 FROM refused) AND NOT EXISTS (SELECT 1 FROM missing)
      RETURNING id
    )
    SELECT (SELECT array_agg(key ORDER BY key) FROM refused) AS refused,
           (SELECT array_agg(amount::text ORDER BY key) FROM refused) AS used,
           (SELECT array_agg(key) FROM missing) AS missing,
           (SELECT count(*) FROM raised) AS raised, (SELECT count(*) FROM reservation) AS recorded`,
  );
  const missing = row?.missing ?? [];
  if (missing.length > 0) return { outcome: { reservationId: null, refused: [] }, missing };
  const refused = (row?.refused ?? []).map((key, index) => ({ key, used: Number(row?.used?.[index] ?? 0) }));
  const outcome: ReserveOutcome =
    refused.length > 0 ? { reservationId: null, refused } : { reservationId: id, refused: null };
  return { outcome, missing };
}

/**
 * Replaces a reservation by what the turn really used (null: nothing, the reservation is only released), once:
 * the reservation row is deleted in the same statement; each turn settles once. `keysIfReleased`: the
 * counters the reservation raised, which get the used figures when the row is gone already, released by another
 * process that took this one for dead (its lease had lapsed during an outage) while the turn went on; the release
 * took the reservation back, so the turn's use is added as it is.
 */
export async function settleReservation(
  id: string,
  used: { tokens: number; costMicros: number } | null,
  keysIfReleased: string[] = [],
): Promise<void> {
  const tokens = used?.tokens ?? 0;
  const costMicros = used?.costMicros ?? 0;
  await queryPrepared(Prisma.sql`
    WITH reservation AS (
      DELETE FROM "UsageReservation" WHERE id = ${id} RETURNING keys, tokens, "costMicros"
    ),
    settled AS (
      SELECT keys, tokens, "costMicros" FROM reservation
      UNION ALL
      SELECT ${keysIfReleased}::text[], 0, 0::bigint WHERE NOT EXISTS (SELECT 1 FROM reservation)
    ),
    locked AS (
      SELECT c.key FROM "UsageCounter" c, settled r WHERE c.key = ANY(r.keys) ORDER BY c.key FOR UPDATE OF c
    )
    UPDATE "UsageCounter" c
       SET amount = greatest(c.amount + CASE WHEN c.key LIKE '%:tokens' THEN ${tokens}::bigint - r.tokens
                                           ELSE ${costMicros}::bigint - r."costMicros" END, 0)
      FROM settled r
     WHERE c.key IN (SELECT key FROM locked)`);
}

/**
 * The reservations of processes whose lease expired (lib/cluster/process-lease.ts): turns a dead process never
 * settled. A live process's reservations are never touched. Counters of periods ended a day ago go too.
 */
export async function releaseReservationsOfDeadProcesses(): Promise<number> {
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT r.id FROM "UsageReservation" r
     WHERE NOT EXISTS (SELECT 1 FROM "ProcessLease" l WHERE l.id = r."ownerProcessId" AND l."expiresAt" > now())`;
  for (const row of rows) await settleReservation(row.id, null);
  await db().$executeRaw`DELETE FROM "UsageCounter" WHERE "periodEnd" < (now() AT TIME ZONE 'UTC') - interval '1 day'`;
  return rows.length;
}
