// A chat turn reads its thread ahead as far as the model's context window could reach (lib/db/turn-context.ts); the
// reply's window must then assemble from exactly the rows the budget-bound read would have returned, so that what
// is sent and what the manifest counts as dropped stay the same.
import { describe, expect, it } from "vitest";
import { limitWindowCandidates, type WindowCandidate } from "@/lib/db/messages";

const FRAMING = 4;

function threadOf(tokenCounts: number[]): WindowCandidate[] {
  return tokenCounts.map((tokenCount, depth) => ({
    id: `m${depth}`,
    role: depth % 2 === 0 ? "USER" : "ASSISTANT",
    content: "x",
    tokenCount,
    tokenEncoding: "o200k_base",
    depth,
    threadTokens: 0,
    hasFiles: false,
  }));
}

describe("limitWindowCandidates", () => {
  it("keeps the newest messages up to and including the first one past the limit, like the SQL read", () => {
    // Running totals from the newest: 14, 28, 42 (past 30: the last one read), then 56 would not be read.
    const ids = limitWindowCandidates(threadOf([10, 10, 10, 10, 10]), 30, FRAMING).map((row) => row.id);
    expect(ids).toEqual(["m2", "m3", "m4"]);
  });

  it("always keeps the newest message, however large", () => {
    const ids = limitWindowCandidates(threadOf([5, 500]), 30, FRAMING).map((row) => row.id);
    expect(ids).toEqual(["m1"]);
  });

  it("keeps the whole thread when it fits", () => {
    expect(limitWindowCandidates(threadOf([1, 2, 3]), 1000, FRAMING)).toHaveLength(3);
    expect(limitWindowCandidates([], 1000, FRAMING)).toEqual([]);
  });
});
