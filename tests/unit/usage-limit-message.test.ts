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
      "你今天的 200,000 个 token 额度已用完；将于 00:00 UTC 重置。",
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

  it("says how much is left when the message could need more, and when it could need more than the whole limit", () => {
    const short = { ...daily, details: { ...daily.details, limit: 1_500, used: 840, needed: 1_030 } };
    expect(describeError(short, createTranslator("en"))).toBe(
      "This message could use up to 1,030 tokens (its context and the longest reply the model may write), and only 660 of the limit of 1,500 tokens are left; resets at 00:00 UTC.",
    );
    expect(describeError(short, createTranslator("zh-CN"))).toBe(
      "此消息最多可能使用 1,030 个 token（上下文加上模型可写的最长回复），而 1,500 个 token 的额度只剩 660 个；将于 00:00 UTC 重置。",
    );
    const tooLarge = { ...daily, details: { ...daily.details, limit: 100, used: 0, needed: 1_030 } };
    expect(describeError(tooLarge, createTranslator("en"))).toBe(
      "This message could use up to 1,030 tokens (its context and the longest reply the model may write), more than the whole limit of 100 tokens. Ask an admin to raise the limit, or start a new conversation.",
    );
    // The model's longest reply alone passes the limit: a new conversation would not help either.
    const replyAlone = { ...daily, details: { ...daily.details, limit: 500, used: 0, needed: 1_060, reply: 1_024 } };
    expect(describeError(replyAlone, createTranslator("en"))).toBe(
      "The longest reply this model may write (1,024 tokens) is more than the whole limit of 500 tokens, so no message fits. Ask an admin to raise the limit.",
    );
    expect(describeError(replyAlone, createTranslator("zh-CN"))).toBe(
      "此模型可写的最长回复（1,024 个 token）超过了 500 个 token 的全部额度，任何消息都无法发送。请让管理员提高额度。",
    );
    const usedUp = { ...daily, details: { ...daily.details, limit: 1_500, used: 1_500, needed: 1_030 } };
    expect(describeError(usedUp, createTranslator("en"))).toBe(
      "You have used your 1,500 tokens for today; resets at 00:00 UTC.",
    );
  });
});
