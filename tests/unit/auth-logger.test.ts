import { afterEach, describe, expect, it, vi } from "vitest";
import { authLogger } from "@/lib/auth/auth-logger";

afterEach(() => {
  vi.useRealTimers();
});

describe("next-auth's log lines", () => {
  it("are one line each, and the same error at most once a minute, with a count of the ones left out", () => {
    vi.useFakeTimers();
    const logged: string[] = [];
    // Replaces the implementation of the spy that fails tests on console.error: these lines are expected.
    vi.spyOn(console, "error").mockImplementation((line: string) => {
      logged.push(line);
    });
    const error = new Error("Invalid Compact JWE\n    at somewhere (file.js:1:1)");
    for (let request = 0; request < 5; request++) authLogger.error?.("UNIT_TEST_ERROR", error);
    expect(logged).toEqual(["[next-auth] error UNIT_TEST_ERROR: Invalid Compact JWE at somewhere (file.js:1:1)"]);
    vi.advanceTimersByTime(61_000);
    authLogger.error?.("UNIT_TEST_ERROR", { error });
    expect(logged[1]).toMatch(
      /^\[next-auth\] error UNIT_TEST_ERROR: Invalid Compact JWE .*\(4 more in the last minute, not shown\)$/,
    );
    expect(logged.every((line) => !line.includes("\n"))).toBe(true);
  });
});
