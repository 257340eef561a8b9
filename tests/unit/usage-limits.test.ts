// The pure parts of usage limits: the UTC periods and their resets, the 429's words and figures, costs, and the
// stable model ids of /v1/models.
import { describe, expect, it } from "vitest";
import { costMicros } from "@/lib/usage-limits/cost";
import { currentPeriods } from "@/lib/usage-limits/periods";
import { limitReachedError } from "@/lib/usage-limits/reserve-usage";
import { apiModelIds } from "@/lib/v1/api-models";

describe("usage limits", () => {
  it("count UTC days and months, resetting at the next midnight and the first of the next month", () => {
    const { day, month } = currentPeriods(new Date("2026-12-31T23:30:00+00:00"));
    expect([day.label, day.end.toISOString()]).toEqual(["2026-12-31", "2027-01-01T00:00:00.000Z"]);
    expect([month.label, month.start.toISOString(), month.end.toISOString()]).toEqual([
      "2026-12",
      "2026-12-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ]);
  });

  it("refuse with the limit, its period and when it resets, once it is used up", () => {
    const now = new Date("2026-12-05T22:00:00Z");
    const daily = limitReachedError("user:abc:day:2026-12-05:tokens", 200_000, now, { used: 200_000, needed: 900 });
    expect([daily.status, daily.code, daily.message]).toEqual([
      429,
      "usage_limit_reached",
      "You have used your 200,000 tokens for today; resets at 00:00 UTC.",
    ]);
    expect(daily.details).toMatchObject({ limit: 200_000, isMonthly: 0, isTeam: 0, retryAfterSeconds: 7200 });
    const monthly = limitReachedError("team:xyz:month:2026-12:cost", 5_000_000, now, {
      used: 5_000_100,
      needed: 4_000,
    });
    expect(monthly.message).toBe("Your team has used its $5.00 for this month; resets at 2027-01-01 00:00 UTC.");
  });

  it("say what is left when the turn's worst case needs more than that", () => {
    const now = new Date("2026-12-05T22:00:00Z");
    const daily = limitReachedError("user:abc:day:2026-12-05:tokens", 1_500, now, { used: 840, needed: 1_030 });
    expect(daily.message).toBe(
      "This request could use up to 1,030 tokens (its prompt and the longest reply allowed), and only 660 of your 1,500 tokens for today are left; resets at 00:00 UTC.",
    );
    expect(daily.details).toMatchObject({ limit: 1_500, used: 840, needed: 1_030, retryAfterSeconds: 7200 });
    const monthly = limitReachedError("team:xyz:month:2026-12:cost", 5_000_000, now, {
      used: 4_990_000,
      needed: 40_000,
    });
    expect(monthly.message).toBe(
      "This request could cost up to $0.04 (its prompt and the longest reply allowed), and only $0.01 of your team's $5.00 for this month is left; resets at 2027-01-01 00:00 UTC.",
    );
  });

  it("say when the turn's worst case alone is more than the whole limit, with no time to retry after", () => {
    const now = new Date("2026-12-05T22:00:00Z");
    const daily = limitReachedError("user:abc:day:2026-12-05:tokens", 100, now, { used: 0, needed: 1_030 });
    expect(daily.message).toBe(
      "This request could use up to 1,030 tokens (its prompt and the longest reply allowed), more than your whole limit of 100 tokens for today. Lower max_tokens, or ask an admin to raise the limit.",
    );
    expect(daily.details).toMatchObject({ limit: 100, used: 0, needed: 1_030 });
    expect(daily.details?.retryAfterSeconds).toBeUndefined();
  });

  it("price tokens in millionths of a dollar, rounded up, and nothing without prices", () => {
    expect(costMicros({ inputPerMillion: 2.5, outputPerMillion: 10 }, 3, 1)).toBe(18);
    expect(costMicros(null, 1000, 1000)).toBe(0);
  });

  it("name models by upstream name, the older keeping it when two share one", () => {
    const ids = apiModelIds([
      { id: "newer", upstreamName: "gpt", createdAt: new Date(2) },
      { id: "older", upstreamName: "gpt", createdAt: new Date(1) },
      { id: "other", upstreamName: "llama", createdAt: new Date(3) },
    ]);
    expect(Object.fromEntries(ids)).toEqual({ older: "gpt", newer: "newer", other: "llama" });
  });
});
