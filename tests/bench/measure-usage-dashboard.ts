// The usage dashboard (admin console → Usage) for 1,000 users × 90 days: the ledger is seeded with SQL (three replies
// per user a day, one of them in a team conversation), through the triggers that keep the daily roll-ups, as replies
// would write it; then GET /api/admin/usage for the 90 days is timed as the admin sees it (four groupings).
import pg from "pg";
import type { BenchContext } from "./bench-context";
import { formatMs, judge, type Section } from "./report";
import { percentile } from "./stats";

const USERS = 1000;
const DAYS = 90;
const REPLIES_PER_DAY = 3;
const TEAMS = 20;
const WARM_UP_REQUESTS = 3;
const REQUESTS = 30;
const GOAL_MS = 200;

async function seedLedger(databaseUrl: string): Promise<{ seedMs: number; ledgerByUserMs: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
      SELECT 'bench-usage-' || g, 'bench-usage-' || g || '@example.test', 'Usage ' || g, 'x', now()
        FROM generate_series(1, ${USERS}) g`);
    await client.query(`
      INSERT INTO "Team" (id, name, "updatedAt")
      SELECT 'bench-team-' || g, 'Bench team ' || g, now() FROM generate_series(0, ${TEAMS - 1}) g`);
    const startedAt = performance.now();
    // A day at a time: each statement's triggers roll up 3,000 rows.
    for (let day = 0; day < DAYS; day++) {
      await client.query(`
        INSERT INTO "ReplyUsage" (id, "userId", "teamId", "modelId", "promptTokens", "completionTokens",
                                  "isEstimated", "durationMs", "createdAt")
        SELECT 'bench-usage-' || u || '-' || ${day} || '-' || r, 'bench-usage-' || u,
               CASE WHEN r = 1 THEN 'bench-team-' || (u % ${TEAMS}) END, models.ids[1 + (u + r) % cardinality(models.ids)],
               200 + (u * 7 + r * 13 + ${day}) % 3000, 50 + (u * 3 + r * 5 + ${day}) % 800, false, 2000,
               (now() AT TIME ZONE 'UTC')::date - ${day} + make_interval(secs => (u * 37 + r * 3601) % 86400)
          FROM generate_series(1, ${USERS}) u, generate_series(1, ${REPLIES_PER_DAY}) r,
               (SELECT array_agg(id ORDER BY id) AS ids FROM "Model") models`);
    }
    const seedMs = performance.now() - startedAt;
    await client.query(`ANALYZE "ReplyUsage"; ANALYZE "UsageUserDay"; ANALYZE "UsageTeamDay"`);
    // For comparison, the by-user sums read from the ledger itself, as before the roll-ups.
    const ledgerTimes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const queryStartedAt = performance.now();
      await client.query(`
        SELECT r."userId", min(u.email), sum(r."promptTokens"), sum(r."completionTokens"), count(*),
               sum(ceil(r."promptTokens" * coalesce(p."inputPerMillion", 0)
                        + r."completionTokens" * coalesce(p."outputPerMillion", 0)))
          FROM "ReplyUsage" r LEFT JOIN "ModelPrice" p ON p."modelId" = r."modelId" JOIN "User" u ON u.id = r."userId"
         WHERE r."createdAt" >= (now() AT TIME ZONE 'UTC')::date - ${DAYS - 1}
         GROUP BY 1 ORDER BY sum(r."promptTokens" + r."completionTokens") DESC LIMIT 500`);
      ledgerTimes.push(performance.now() - queryStartedAt);
    }
    return { seedMs, ledgerByUserMs: percentile(ledgerTimes, 0.5) };
  } finally {
    await client.end();
  }
}

export async function measureUsageDashboard(context: BenchContext): Promise<Section> {
  const { seedMs, ledgerByUserMs } = await seedLedger(context.database.databaseUrl);
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const url = `${context.session.baseUrl}/api/admin/usage?from=${day(DAYS - 1)}&to=${day(0)}`;
  const times: number[] = [];
  let answer: { byDay: unknown[]; byUser: unknown[] } | undefined;
  for (let request = 0; request < WARM_UP_REQUESTS + REQUESTS; request++) {
    const startedAt = performance.now();
    const response = await fetch(url, { headers: { cookie: context.session.cookie } });
    if (!response.ok) throw new Error(`GET /api/admin/usage: HTTP ${response.status}`);
    answer = (await response.json()) as typeof answer;
    if (request >= WARM_UP_REQUESTS) times.push(performance.now() - startedAt);
  }
  const p95 = percentile(times, 0.95);
  return {
    rows: [
      {
        measure: `usage dashboard, ${USERS.toLocaleString("en")} users × ${DAYS} days, p95`,
        parley: formatMs(p95),
        relay: "—",
        goal: `≤ ${GOAL_MS} ms`,
        verdict: judge(p95 <= GOAL_MS),
      },
    ],
    notes: [
      `Usage dashboard: ${(USERS * DAYS * REPLIES_PER_DAY).toLocaleString("en")} ledger rows (${REPLIES_PER_DAY} ` +
        `replies per user a day, one in one of ${TEAMS} teams) seeded with SQL through the roll-up triggers in ` +
        `${(seedMs / 1000).toFixed(1)} s; ${REQUESTS} GET /api/admin/usage for the ${DAYS} days as the admin ` +
        `(by day, user, team and model; ${answer?.byDay.length} days and ${answer?.byUser.length} users answered), ` +
        `timed at the client on the same machine (HTTP included, so above the server's own time): ` +
        `p50 ${formatMs(percentile(times, 0.5))}, p95 ${formatMs(p95)}. The by-user sums read from the ledger ` +
        `itself, as before the roll-ups, take ${formatMs(ledgerByUserMs)} (p50 of 5, that query alone).`,
    ],
  };
}
