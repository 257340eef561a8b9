// The admin's side of usage limits: the default, per-user and per-team limits, model prices, and the API's
// request rate; every change audited (lib/db/usage-limits.ts, lib/db/settings.ts).

import { z } from "zod";
import type { SessionUser } from "../auth/session";
import { findLimitSubject, listLimitRows, listModelPrices, saveLimit, saveModelPrice } from "../db/usage-limits";
import { AppError } from "../errors";
import { sentenceOf } from "../http/issue-rules";
import { MAX_MONTHLY_COST_DOLLARS, MAX_PRICE_PER_MILLION_DOLLARS, MAX_TOKEN_LIMIT } from "../limits";
import { microsToDollars } from "./cost";

// The columns are PostgreSQL integers: a larger limit could not be stored.
const tokens = z
  .number()
  .int()
  .min(1)
  .max(MAX_TOKEN_LIMIT, `Use at most ${MAX_TOKEN_LIMIT.toLocaleString("en-US")} tokens.`)
  .nullable();
const dollars = z.number().min(0).max(MAX_MONTHLY_COST_DOLLARS).nullable();
const price = z.number().min(0).max(MAX_PRICE_PER_MILLION_DOLLARS);

export const limitSchema = z
  .strictObject({
    target: z.union([
      z.strictObject({ default: z.literal(true) }),
      z.strictObject({ email: z.string().trim().email().max(320) }),
      z.strictObject({ teamId: z.string().regex(/^[a-z0-9]{20,32}$/) }),
    ]),
    tokensPerDay: tokens,
    tokensPerMonth: tokens,
    /** Dollars per month; counted only for models with prices. */
    costPerMonth: dollars,
  })
  // A day's limit above the month's would never be reached: the month's would stop the user first.
  .refine(
    ({ tokensPerDay, tokensPerMonth }) =>
      tokensPerDay === null || tokensPerMonth === null || tokensPerDay <= tokensPerMonth,
    { message: sentenceOf("day_above_month"), path: ["tokensPerDay"], params: { rule: "day_above_month" } },
  );

export const priceSchema = z.strictObject({
  modelId: z.string().regex(/^[a-z0-9]{20,32}$/),
  /** Dollars per million tokens; null removes the model's prices. */
  prices: z.strictObject({ inputPerMillion: price, outputPerMillion: price }).nullable(),
});

export async function listLimits() {
  const [rows, models] = await Promise.all([listLimitRows(), listModelPrices()]);
  const toView = (row: (typeof rows)[number]) => ({
    subject: row.subject,
    name: row.user?.email ?? row.team?.name ?? null,
    tokensPerDay: row.tokensPerDay,
    tokensPerMonth: row.tokensPerMonth,
    costPerMonth: row.costPerMonthMicros === null ? null : microsToDollars(row.costPerMonthMicros),
  });
  return {
    default: rows.filter((row) => row.subject === "default").map(toView)[0] ?? null,
    users: rows.filter((row) => row.subject.startsWith("user:")).map(toView),
    teams: rows.filter((row) => row.subject.startsWith("team:")).map(toView),
    models: models.map((model) => ({
      id: model.id,
      label: model.label,
      upstreamName: model.upstreamName,
      prices: model.price,
    })),
  };
}

export async function setLimit(admin: SessionUser, input: z.infer<typeof limitSchema>) {
  const target =
    "default" in input.target
      ? { subject: "default", userId: null, teamId: null }
      : await findLimitSubject(input.target);
  if (!target)
    throw new AppError("no_such_user_or_team", "No such user or team.", {
      issues: [{ path: ["target"], message: "No such user or team." }],
    });
  const costPerMonthMicros = input.costPerMonth === null ? null : Math.round(input.costPerMonth * 1_000_000);
  await saveLimit(admin, target, {
    tokensPerDay: input.tokensPerDay,
    tokensPerMonth: input.tokensPerMonth,
    costPerMonthMicros,
  });
  return listLimits();
}

export async function setModelPrice(admin: SessionUser, input: z.infer<typeof priceSchema>) {
  if (!(await saveModelPrice(admin, input.modelId, input.prices))) throw new AppError("not_found", "Not found.");
  return listLimits();
}
