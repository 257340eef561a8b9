// Usage limits, reserved up front (docs/architecture.md, "Usage limits"): every turn, from the chat or the API,
// reserves its worst case (prompt tokens + the output limit, and its price) on the counters of the limits that
// apply to it before the provider is called, and settles to its real figures when it ends however it ends.

import { currentProcessId } from "../cluster/process-identity";
import {
  type CounterSpec,
  releaseReservationsOfDeadProcesses,
  reserveOnCounters,
  settleReservation,
} from "../db/usage-counters";
import type { LimitRow, LimitValues } from "../db/usage-limits";
import { AppError } from "../errors";
import { costMicros, type ModelPrices, microsToDollars } from "./cost";
import { currentPeriods, type Period } from "./periods";

/** `keys`: the counters it raised, which its settle moves even when another process has released it meanwhile. */
export type UsageReservation = { id: string | null; keys: string[]; prices: ModelPrices | null };
/**
 * The limit rows that may apply to a turn ("default", its user's, its team's) and its model's prices, read with the
 * rest of its context (lib/db/turn-context.ts, lib/db/api-call-context.ts).
 */
export type UsageRules = { limitRows: LimitRow[]; prices: ModelPrices | null };
export type TurnUsage = {
  userId: string;
  teamId: string | null;
  modelId: string;
  promptTokens: number;
  maxOutputTokens: number;
};

type Limit = { field: keyof LimitValues; period: Period; kind: "tokens" | "cost" };

function limitsOf(periods: ReturnType<typeof currentPeriods>): Limit[] {
  return [
    { field: "tokensPerDay", period: periods.day, kind: "tokens" },
    { field: "tokensPerMonth", period: periods.month, kind: "tokens" },
    { field: "costPerMonthMicros", period: periods.month, kind: "cost" },
  ];
}

const subjectsOf = (userId: string, teamId: string | null) => ({
  userSubject: `user:${userId}`,
  teamSubject: teamId ? `team:${teamId}` : null,
});

/** The user's own limits, else the default; and the team's, for a team conversation. */
function applicableLimits(userId: string, teamId: string | null, rows: LimitRow[]) {
  const { userSubject, teamSubject } = subjectsOf(userId, teamId);
  const own = rows.find((row) => row.subject === userSubject) ?? rows.find((row) => row.subject === "default");
  const team = teamSubject ? rows.find((row) => row.subject === teamSubject) : undefined;
  return { userSubject, teamSubject, own, team };
}

function counterSpecs(
  turn: TurnUsage,
  limits: ReturnType<typeof applicableLimits>,
  tokens: number,
  cost: number,
  now: Date,
) {
  const specs: CounterSpec[] = [];
  const add = (subject: string, values: LimitValues | undefined, column: "userId" | "teamId", id: string) => {
    // Most turns have no limit at all: the periods (dates and their labels) are worked out only for one that does.
    if (!values) return;
    for (const limit of limitsOf(currentPeriods(now))) {
      const cap = values?.[limit.field];
      if (cap === null || cap === undefined) continue;
      specs.push({
        key: `${subject}:${limit.period.kind}:${limit.period.label}:${limit.kind}`,
        subject: { column, id },
        kind: limit.kind,
        from: limit.period.start,
        until: limit.period.end,
        amount: limit.kind === "tokens" ? tokens : cost,
        cap,
      });
    }
  };
  add(limits.userSubject, limits.own, "userId", turn.userId);
  if (limits.teamSubject && turn.teamId) add(limits.teamSubject, limits.team, "teamId", turn.teamId);
  return specs;
}

/**
 * 429 usage_limit_reached, saying which limit, why this turn does not fit and when it resets; the browser words it
 * from `details`. A turn is refused for its worst case (its prompt and the longest reply allowed): `used` is what the
 * counter holds already, `needed` that worst case. Three cases, told apart: the limit is used up; what is left is
 * less than the turn could need (it may fit after the reset); the turn could need more than the whole limit (it
 * never fits: no Retry-After).
 */
export function limitReachedError(
  key: string,
  cap: number,
  now: Date,
  figures: { used: number; needed: number; reply?: { tokens: number; costMicros: number } },
) {
  const [subject, , period, , kind] = key.split(":") as [string, string, "day" | "month", string, "tokens" | "cost"];
  const periods = currentPeriods(now);
  const resetsAt = period === "day" ? periods.day.end : periods.month.end;
  const isTeam = subject === "team";
  const isCost = kind === "cost";
  const format = (value: number) => (isCost ? `$${microsToDollars(value).toFixed(2)}` : value.toLocaleString("en-US"));
  const amount = isCost ? format(cap) : `${format(cap)} tokens`;
  const when = period === "day" ? "today" : "this month";
  const resets = period === "day" ? "00:00 UTC" : `${resetsAt.toISOString().slice(0, 10)} 00:00 UTC`;
  const left = Math.max(0, cap - figures.used);
  const could = isCost
    ? `could cost up to ${format(figures.needed)}`
    : `could use up to ${format(figures.needed)} tokens`;
  const isTooLarge = figures.needed > cap;
  const whose = isTeam ? "your team's" : "your";
  let message: string;
  if (isTooLarge) {
    message = `This request ${could} (its prompt and the longest reply allowed), more than ${whose} whole limit of ${amount} for ${when}. Lower max_tokens, or ask an admin to raise the limit.`;
  } else if (left > 0) {
    message = `This request ${could} (its prompt and the longest reply allowed), and only ${format(left)} of ${whose} ${amount} for ${when} ${isCost ? "is" : "are"} left; resets at ${resets}.`;
  } else {
    message = `${isTeam ? "Your team has used its" : "You have used your"} ${amount} for ${when}; resets at ${resets}.`;
  }
  return new AppError("usage_limit_reached", message, {
    details: {
      limit: cap,
      used: Math.min(cap, figures.used),
      needed: figures.needed,
      isCost: isCost ? 1 : 0,
      isMonthly: period === "month" ? 1 : 0,
      isTeam: isTeam ? 1 : 0,
      resetsAt: resetsAt.getTime(),
      // The longest reply allowed alone, in the limit's unit: when it passes the limit, no turn ever fits.
      ...(figures.reply ? { reply: isCost ? figures.reply.costMicros : figures.reply.tokens } : {}),
      ...(isTooLarge ? {} : { retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)) }),
    },
  });
}

/** Reserves the turn's worst case, or refuses it (429) before anything is sent. No limit applies: nothing written. */
export async function reserveUsage(turn: TurnUsage, rules: UsageRules, now = new Date()): Promise<UsageReservation> {
  const { prices } = rules;
  const limits = applicableLimits(turn.userId, turn.teamId, rules.limitRows);
  const tokens = turn.promptTokens + turn.maxOutputTokens;
  const cost = costMicros(prices, turn.promptTokens, turn.maxOutputTokens);
  const specs = counterSpecs(turn, limits, tokens, cost, now);
  if (specs.length === 0) return { id: null, keys: [], prices };
  const outcome = await reserveOnCounters(specs, { tokens, costMicros: cost }, currentProcessId());
  if (outcome.refused === null) {
    return { id: outcome.reservationId, keys: specs.map((spec) => spec.key), prices };
  }
  // Named first, a limit the turn could never fit in: waiting for another limit's reset would not help.
  const refusals = outcome.refused.map((refused) => ({
    ...refused,
    spec: specs.find((spec) => spec.key === refused.key),
  }));
  const told = refusals.find(({ spec }) => spec && spec.amount > spec.cap) ?? refusals[0];
  throw limitReachedError(told?.key ?? "", told?.spec?.cap ?? 0, now, {
    used: told?.used ?? 0,
    needed: told?.spec?.amount ?? 0,
    reply: { tokens: turn.maxOutputTokens, costMicros: costMicros(prices, 0, turn.maxOutputTokens) },
  });
}

/** The real figures replace the reservation; null figures (the model was never reached) release it. Never throws. */
export async function settleUsage(
  reservation: UsageReservation | null,
  used: { promptTokens: number; completionTokens: number } | null,
): Promise<void> {
  if (!reservation?.id) return;
  const figures = used && {
    tokens: used.promptTokens + used.completionTokens,
    costMicros: costMicros(reservation.prices, used.promptTokens, used.completionTokens),
  };
  await settleReservation(reservation.id, figures, reservation.keys).catch((error) =>
    console.error("Settling a usage reservation failed", error),
  );
}

/** The reservations of turns a dead process never settled are released (lib/cluster/reply-recovery.ts). */
export async function releaseOrphanedReservations(): Promise<number> {
  return releaseReservationsOfDeadProcesses();
}
