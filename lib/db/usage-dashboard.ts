// The usage dashboard's figures, read from the usage ledger (ReplyUsage) over a UTC date range by its createdAt
// index: tokens, replies and cost (with the admin's model prices) by day, user, team and model.
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
  promptTokens: bigint;
  completionTokens: bigint;
  replies: bigint;
  costMicros: number | null;
};

const groupings: Record<UsageGroup, { key: Prisma.Sql; label: Prisma.Sql; join: Prisma.Sql; order: Prisma.Sql }> = {
  day: {
    key: Prisma.sql`to_char(r."createdAt", 'YYYY-MM-DD')`,
    label: Prisma.sql`to_char(r."createdAt", 'YYYY-MM-DD')`,
    join: Prisma.empty,
    order: Prisma.sql`1`,
  },
  user: {
    key: Prisma.sql`r."userId"`,
    label: Prisma.sql`min(u.email)`,
    join: Prisma.sql`JOIN "User" u ON u.id = r."userId"`,
    order: Prisma.sql`sum(r."promptTokens" + r."completionTokens") DESC`,
  },
  team: {
    key: Prisma.sql`r."teamId"`,
    label: Prisma.sql`min(t.name)`,
    join: Prisma.sql`LEFT JOIN "Team" t ON t.id = r."teamId"`,
    order: Prisma.sql`sum(r."promptTokens" + r."completionTokens") DESC`,
  },
  model: {
    key: Prisma.sql`r."modelId"`,
    label: Prisma.sql`min(m.label)`,
    join: Prisma.sql`LEFT JOIN "Model" m ON m.id = r."modelId"`,
    order: Prisma.sql`sum(r."promptTokens" + r."completionTokens") DESC`,
  },
};

const MAX_GROUPS = 500;

/** One grouping over [from, to) (UTC). Team: null is personal use (and API calls); model: null is a deleted model. */
export async function getUsageBy(group: UsageGroup, from: Date, to: Date, userId?: string): Promise<UsageRow[]> {
  const { key, label, join, order } = groupings[group];
  const ofUser = userId ? Prisma.sql`AND r."userId" = ${userId}` : Prisma.empty;
  const rows = await db().$queryRaw<RawRow[]>`
    SELECT ${key} AS key, ${label} AS label, sum(r."promptTokens") AS "promptTokens",
           sum(r."completionTokens") AS "completionTokens", count(*) AS replies,
           sum(ceil(r."promptTokens" * coalesce(p."inputPerMillion", 0)
                    + r."completionTokens" * coalesce(p."outputPerMillion", 0)))::float8 AS "costMicros"
      FROM "ReplyUsage" r LEFT JOIN "ModelPrice" p ON p."modelId" = r."modelId" ${join}
     WHERE r."createdAt" >= (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       AND r."createdAt" < (${to.toISOString()}::timestamptz AT TIME ZONE 'UTC') ${ofUser}
     GROUP BY ${key} ORDER BY ${order} LIMIT ${MAX_GROUPS}`;
  return rows.map((row) => ({
    key: row.key ?? "",
    label: row.label ?? "",
    promptTokens: Number(row.promptTokens),
    completionTokens: Number(row.completionTokens),
    replies: Number(row.replies),
    costMicros: row.costMicros ?? 0,
  }));
}
