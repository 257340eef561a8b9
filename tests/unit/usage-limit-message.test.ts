// The over-limit sentence the chat shows, in the reader's language, from the figures of a 429 usage_limit_reached.
import { describe, expect, it } from "vitest";
import { describeError } from "@/app/_components/api/api-client";
import { createTranslator } from "@/app/_i18n/translator";

const resetsAt = Date.parse("2026-12-06T00:00:00Z");
const daily = {
  code: "usage_limit_reached",
  message: "You have used your 200,000 tokens for today; resets at 00:00 UTC.",
  details: { limit: 200_000, isCost: 0, isMonthly: 0, isTeam: 0, resetsAt, retryAfterSeconds: 3600 },
};

describe("the usage limit message", () => {
  it("names the limit and when it resets, in English and Chinese", () => {
    expect(describeError(daily, createTranslator("en"))).toBe(
      "You have used your 200,000 tokens for today; resets at 00:00 UTC.",
    );
    expect(describeError(daily, createTranslator("zh-CN"))).toBe(
      "您今天的 200,000 个令牌额度已用完；将于 00:00 UTC 重置。",
    );
  });

  it("words a team's monthly money limit with its reset date", () => {
    const monthly = {
      ...daily,
      details: {
        ...daily.details,
        limit: 50_000_000,
        isCost: 1,
        isMonthly: 1,
        isTeam: 1,
        resetsAt: Date.parse("2027-01-01T00:00:00Z"),
      },
    };
    expect(describeError(monthly, createTranslator("en"))).toBe(
      "Your team has used its $50.00 for this month; resets at 2027-01-01 00:00 UTC.",
    );
  });
});
