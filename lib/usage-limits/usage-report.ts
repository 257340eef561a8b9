// The usage dashboard (admin console → Usage) and a user's own usage (Settings → Usage): figures from the ledger,
// limits and what is left of them.

import { z } from "zod";
import { getFeedbackReport } from "../db/reply-feedback";
import { getUsageBy, getUserUsageBy, type UsageGroup, type UsageRow } from "../db/usage-dashboard";
import { getLimitRows } from "../db/usage-limits";
import { AppError } from "../errors";
import { ruleIssue, sentenceOf } from "../http/issue-rules";
import { microsToDollars } from "./cost";
import { currentPeriods } from "./periods";

const isCalendarDay = (text: string) => {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date as YYYY-MM-DD.")
  .refine(isCalendarDay, { message: sentenceOf("no_such_date"), params: { rule: "no_such_date" } });
export const usageQuerySchema = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  format: z.enum(["json", "csv"]).optional(),
  by: z.enum(["day", "user", "team", "model"]).optional(),
});

const MAX_RANGE_DAYS = 366;
const DEFAULT_RANGE_DAYS = 30;

/** [from, to] as whole UTC days, `to` included; by default the last 30 days. */
export function usageRange(query: z.infer<typeof usageQuerySchema>, now = new Date()) {
  const today = currentPeriods(now).day.start;
  const to = query.to ? new Date(`${query.to}T00:00:00Z`) : today;
  const from = query.from
    ? new Date(`${query.from}T00:00:00Z`)
    : new Date(to.getTime() - (DEFAULT_RANGE_DAYS - 1) * 86_400_000);
  const until = new Date(to.getTime() + 86_400_000);
  const days = (until.getTime() - from.getTime()) / 86_400_000;
  const issue =
    Number.isNaN(days) || days < 1
      ? ruleIssue(["to"], "range_inverted")
      : days > MAX_RANGE_DAYS
        ? ruleIssue(["from"], "range_too_long", { max: MAX_RANGE_DAYS })
        : null;
  if (issue) throw new AppError("invalid_input", issue.message, { issues: [issue] });
  return { from, until, label: { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) } };
}

// The newest words readers added to their verdicts on replies, shown under the verdicts' counts.
const FEEDBACK_WORDS_SHOWN = 20;

export async function getUsageDashboard(query: z.infer<typeof usageQuerySchema>) {
  const { from, until, label } = usageRange(query);
  const [usedDays, byUser, byTeam, byModel, feedback] = await Promise.all([
    getUsageBy("day", from, until),
    getUsageBy("user", from, until),
    getUsageBy("team", from, until),
    getUsageBy("model", from, until),
    getFeedbackReport(from, until, FEEDBACK_WORDS_SHOWN),
  ]);
  return { range: label, byDay: everyDay(usedDays, from, until), byUser, byTeam, byModel, feedback };
}

/** Every day of the range, one without use at zero: the chart by day is a timeline, not a list of busy days. */
function everyDay(rows: UsageRow[], from: Date, until: Date): UsageRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const days: UsageRow[] = [];
  for (let time = from.getTime(); time < until.getTime(); time += 86_400_000) {
    const key = new Date(time).toISOString().slice(0, 10);
    days.push(byKey.get(key) ?? { key, label: key, promptTokens: 0, completionTokens: 0, replies: 0, costMicros: 0 });
  }
  return days;
}

export const csvCell = (value: string | number) => {
  const text = String(value);
  // A cell starting with = + - @ (or a tab or carriage return before one) would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  // Quoted with any line break in it, a lone carriage return included: unquoted, spreadsheets start a new row there.
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export async function getUsageCsv(query: z.infer<typeof usageQuerySchema>) {
  const group: UsageGroup = query.by ?? "day";
  const { from, until, label } = usageRange(query);
  const rows: UsageRow[] = await getUsageBy(group, from, until);
  const header = [group, "prompt_tokens", "completion_tokens", "total_tokens", "replies", "cost_usd"];
  const lines = rows.map((row) =>
    [
      row.label || (group === "team" ? "(personal)" : row.key),
      row.promptTokens,
      row.completionTokens,
      row.promptTokens + row.completionTokens,
      row.replies,
      microsToDollars(row.costMicros).toFixed(6),
    ]
      .map(csvCell)
      .join(","),
  );
  return {
    fileName: `parley-usage-by-${group}-${label.from}-to-${label.to}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: `${[header.join(","), ...lines].join("\n")}\n`,
  };
}

/** What Settings → Usage shows: this day's and month's use, the limits that apply, what is left; the last 30 days. */
export async function getOwnUsage(userId: string, now = new Date()) {
  const periods = currentPeriods(now);
  const [rows, [today], [month], daily] = await Promise.all([
    getLimitRows(["default", `user:${userId}`]),
    getUserUsageBy("user", periods.day.start, periods.day.end, userId),
    getUserUsageBy("user", periods.month.start, periods.month.end, userId),
    getUserUsageBy("day", new Date(periods.day.start.getTime() - 29 * 86_400_000), periods.day.end, userId),
  ]);
  const limit = rows.find((row) => row.subject === `user:${userId}`) ?? rows.find((row) => row.subject === "default");
  const tokensToday = today ? today.promptTokens + today.completionTokens : 0;
  const tokensMonth = month ? month.promptTokens + month.completionTokens : 0;
  const costMonth = month?.costMicros ?? 0;
  const left = (cap: number | null | undefined, used: number) => (cap == null ? null : Math.max(cap - used, 0));
  return {
    today: {
      tokens: tokensToday,
      limit: limit?.tokensPerDay ?? null,
      left: left(limit?.tokensPerDay, tokensToday),
      resetsAt: periods.day.end.toISOString(),
    },
    month: {
      tokens: tokensMonth,
      limit: limit?.tokensPerMonth ?? null,
      left: left(limit?.tokensPerMonth, tokensMonth),
      costMicros: costMonth,
      costLimitMicros: limit?.costPerMonthMicros ?? null,
      resetsAt: periods.month.end.toISOString(),
    },
    daily: daily.map((row) => ({
      day: row.key,
      tokens: row.promptTokens + row.completionTokens,
      replies: row.replies,
    })),
  };
}
