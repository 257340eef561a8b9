// The usage dashboard's figures over whole UTC days: tokens, replies and cost (with the admin's model prices) by day,
// user, team and model. Read from the ledger's daily roll-ups (UsageUserDay, UsageTeamDay), which triggers on
// ReplyUsage keep (prisma/migrations/20261206104000_scale_usage_day). The ledger holds a row per reply (1,000 users
// × 90 days at three a day is 270,000), too many to sum within the dashboard's 200 ms; the by-user roll-up has one
// per user and model a day, the by-team one far fewer, and neither more rows than the ledger.
import { db, Prisma } from "./client";

export type UsageGroup = "day" | "user" | "team" | "model";
export type UsageRow = {
  key: string;
  label: string;
  promptTokens: number;
  completionTokens: number;
  replies: number;
  costMicros: number;
};

type RawRow = {
  key: string | null;
  label: string | null;
  promptTokens: number;
  completionTokens: number;
  replies: number;
  costMicros: number | null;
};

type Grouping = { table: Prisma.Sql; key: Prisma.Sql; label: Prisma.Sql; join: Prisma.Sql; order: Prisma.Sql };

const byTokens = Prisma.sql`sum(s."promptTokens" + s."completionTokens") DESC`;
// The roll-ups' '' is the ledger's null.
const groupings: Record<UsageGroup, Grouping> = {
  day: {
    table: Prisma.sql`"UsageTeamDay"`,
    key: Prisma.sql`to_char(d.day, 'YYYY-MM-DD')`,
    label: Prisma.sql`s.key`,
    join: Prisma.empty,
    order: Prisma.sql`1`,
  },
  user: {
    table: Prisma.sql`"UsageUserDay"`,
    key: Prisma.sql`d."userId"`,
    label: Prisma.sql`min(u.email)`,
    join: Prisma.sql`JOIN "User" u ON u.id = s.key`,
    order: byTokens,
  },
  team: {
    table: Prisma.sql`"UsageTeamDay"`,
    key: Prisma.sql`nullif(d."teamId", '')`,
    label: Prisma.sql`min(t.name)`,
    join: Prisma.sql`LEFT JOIN "Team" t ON t.id = s.key`,
    order: byTokens,
  },
  model: {
    table: Prisma.sql`"UsageTeamDay"`,
    key: Prisma.sql`nullif(d."modelId", '')`,
    label: Prisma.sql`min(m.label)`,
    join: Prisma.sql`LEFT JOIN "Model" m ON m.id = s.key`,
    order: byTokens,
  },
};

const MAX_GROUPS = 500;
const DAY_MS = 86_400_000;

const utcDay = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date`;

/**
 * One grouping over the whole UTC days [from, to), of everyone. Team: null is personal use (and API
 * calls); model: null is a deleted model. The sums are summed per key and model first, then priced: a cost can be
 * below the sum of each reply's rounded-up cost by less than a millionth of a dollar per reply. (Token sums are
 * added as float8, exact up to 2^53 and much faster than bigint's numeric sums.)
 */
export function getUsageBy(group: UsageGroup, from: Date, to: Date): Promise<UsageRow[]> {
  return readUsage(group, from, to);
}

/** One user's figures, by day or as one total: the by-user roll-up they come from holds no team. */
export function getUserUsageBy(group: "user" | "day", from: Date, to: Date, userId: string): Promise<UsageRow[]> {
  return readUsage(group, from, to, userId);
}

async function readUsage(group: UsageGroup, from: Date, to: Date, userId?: string): Promise<UsageRow[]> {
  if (from.getTime() % DAY_MS !== 0 || to.getTime() % DAY_MS !== 0) {
    throw new Error("Usage is read by whole UTC days: from and to must be midnights (UTC)");
  }
  const { key, label, join, order } = groupings[group];
  // One user's figures are in the by-user roll-up only.
  const table = userId ? Prisma.sql`"UsageUserDay"` : groupings[group].table;
  const ofUser = userId ? Prisma.sql`AND d."userId" = ${userId}` : Prisma.empty;
  const rows = await db().$queryRaw<RawRow[]>`
    SELECT s.key, ${label} AS label, sum(s."promptTokens") AS "promptTokens",
           sum(s."completionTokens") AS "completionTokens", sum(s.replies)::float8 AS replies,
           sum(ceil(s."promptTokens" * coalesce(p."inputPerMillion", 0)
                    + s."completionTokens" * coalesce(p."outputPerMillion", 0))) AS "costMicros"
      FROM (SELECT ${key} AS key, d."modelId", sum(d."promptTokens"::float8) AS "promptTokens",
                   sum(d."completionTokens"::float8) AS "completionTokens", sum(d.replies) AS replies
              FROM ${table} d
             WHERE d.day >= ${utcDay(from)} AND d.day < ${utcDay(to)} ${ofUser}
             GROUP BY 1, 2) s
      LEFT JOIN "ModelPrice" p ON p."modelId" = s."modelId" ${join}
     GROUP BY s.key ORDER BY ${order} LIMIT ${MAX_GROUPS}`;
  return rows.map((row) => ({
    key: row.key ?? "",
    label: row.label ?? "",
    promptTokens: row.promptTokens,
    completionTokens: row.completionTokens,
    replies: row.replies,
    costMicros: row.costMicros ?? 0,
  }));
}
