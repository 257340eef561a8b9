// The /v1 request limit's verdict and the headers that tell a caller where it stands.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkRate, rateLimitHeaders } from "@/lib/usage-limits/request-rate";

describe("the request limit", () => {
  it("reads the busier of the key's and the user's counts", () => {
    const counts = [
      { count: 2, secondsLeft: 40.2 },
      { count: 5, secondsLeft: 12.5 },
    ];
    expect(checkRate(10, counts)).toEqual({ limit: 10, remaining: 5, resetSeconds: 13 });
    expect(checkRate(5, counts)).toEqual({ limit: 5, remaining: 0, resetSeconds: 13 });
    const refused = (() => {
      try {
        checkRate(4, counts);
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limited", details: { retryAfterSeconds: 13, limit: 4 } });
    // Two as busy: the caller waits for the later window's end.
    const tied = [
      { count: 5, secondsLeft: 12.5 },
      { count: 5, secondsLeft: 50 },
    ];
    expect(checkRate(10, tied)).toEqual({ limit: 10, remaining: 5, resetSeconds: 50 });
  });

  it("tells the reset in OpenAI's format", () => {
    const headers = (resetSeconds: number) => rateLimitHeaders({ limit: 60, remaining: 7, resetSeconds });
    expect(headers(59)).toEqual({
      "x-ratelimit-limit-requests": "60",
      "x-ratelimit-remaining-requests": "7",
      "x-ratelimit-reset-requests": "59s",
    });
    expect(headers(60)["x-ratelimit-reset-requests"]).toBe("1m0s");
  });
});
