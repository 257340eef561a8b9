import { describe, expect, it } from "vitest";
import { createRetryKeys } from "@/app/_components/chat/live/retry-key";

describe("retry keys", () => {
  it("reuses the key for the same text until the send settles, and makes a new one after", () => {
    const keys = createRetryKeys();
    const first = keys.keyFor("Hello");
    expect(keys.keyFor("Hello")).toBe(first);
    expect(keys.keyFor("Something else")).not.toBe(first);
    const second = keys.keyFor("Hello");
    keys.settle();
    expect(keys.keyFor("Hello")).not.toBe(second);
  });
});
