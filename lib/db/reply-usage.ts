// Reading the usage ledger (ReplyUsage, written with each reply's final save in turns.ts). Its times are UTC (the
// columns are timestamps without a zone, as Prisma writes them), so a day is a UTC day.
import { db, type Prisma } from "./client";

/** What a reply shows and exports of its usage: the figures, not who or which team. */
export const replyUsageFields = {
  promptTokens: true,
  completionTokens: true,
  reasoningTokens: true,
  cachedTokens: true,
  isEstimated: true,
  timeToFirstTokenMs: true,
  timeToAnswerMs: true,
  durationMs: true,
  tokensPerSecond: true,
} as const satisfies Prisma.ReplyUsageSelect;

export type DailyTokens = { day: string; promptTokens: number; completionTokens: number; replies: number };

/**
 * A user's tokens per UTC day over [from, to), oldest first; days without replies are left out. Reads one range
 * of the (userId, createdAt) index, however many users and days the ledger holds.
 */
export async function getDailyTokensForUser(userId: string, from: Date, to: Date): Promise<DailyTokens[]> {
  const rows = await db().$queryRaw<{ day: string; promptTokens: bigint; completionTokens: bigint; replies: bigint }[]>`
    SELECT to_char("createdAt", 'YYYY-MM-DD') AS day,
           sum("promptTokens") AS "promptTokens", sum("completionTokens") AS "completionTokens", count(*) AS replies
      FROM "ReplyUsage"
     WHERE "userId" = ${userId}
       AND "createdAt" >= (${from.toISOString()}::timestamptz AT TIME ZONE 'UTC')
       AND "createdAt" < (${to.toISOString()}::timestamptz AT TIME ZONE 'UTC')
     GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({
    day: row.day,
    promptTokens: Number(row.promptTokens),
    completionTokens: Number(row.completionTokens),
    replies: Number(row.replies),
  }));
}
