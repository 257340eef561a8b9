import { describe, expect, it } from "vitest";
import { getTokensPerSecond, startUsageMeter } from "@/lib/chat/reply-usage";

function clock(...times: number[]) {
  return () => times.shift() ?? Number.NaN;
}

describe("the usage meter", () => {
  it("times the first token, the first answer token and the whole reply", () => {
    // started at 1000, a reasoning token at 1200, the answer at 1500, the answer again at 1600, the end at 3000
    const meter = startUsageMeter(clock(1000, 1200, 1500, 3000));
    meter.markToken();
    meter.markAnswerToken();
    meter.markAnswerToken();
    const usage = { promptTokens: 10, completionTokens: 180, reasoningTokens: 100, cachedTokens: 0 };
    const entry = meter.finish({ userId: "u", usage, estimate: { promptTokens: 1, completionTokens: 1 } });
    expect(entry).toEqual({
      userId: "u",
      ...usage,
      isEstimated: false,
      timeToFirstTokenMs: 200,
      timeToAnswerMs: 500,
      durationMs: 2000,
      tokensPerSecond: 100,
    });
  });

  it("uses the tokenizer's counts, marked estimated, when the provider reported none", () => {
    const meter = startUsageMeter(clock(0, 100, 600));
    meter.markAnswerToken();
    const entry = meter.finish({ userId: "u", usage: null, estimate: { promptTokens: 7, completionTokens: 50 } });
    expect(entry).toMatchObject({
      promptTokens: 7,
      completionTokens: 50,
      reasoningTokens: null,
      cachedTokens: null,
      isEstimated: true,
      timeToFirstTokenMs: 100,
      timeToAnswerMs: 100,
      tokensPerSecond: 100,
    });
  });

  it("has no first token and no speed for a reply that got none", () => {
    const entry = startUsageMeter(clock(0, 300)).finish({
      userId: "u",
      usage: null,
      estimate: { promptTokens: 7, completionTokens: 0 },
    });
    expect(entry).toMatchObject({
      timeToFirstTokenMs: null,
      timeToAnswerMs: null,
      durationMs: 300,
      tokensPerSecond: null,
    });
  });
});

describe("tokens per second", () => {
  it("counts the time the output streamed, not the wait before it", () => {
    expect(getTokensPerSecond(50, 1500, 500)).toBe(50);
    expect(getTokensPerSecond(3, 1000, 1000)).toBeNull();
  });
});
