import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type ApiResult, requestJson } from "@/app/_components/api/api-client";
import { performMutation } from "@/app/_components/api/mutation";
import {
  createRequestTracker,
  IDLE_RESOURCE,
  isWorthRetrying,
  type ResourceState,
  resourceReducer,
  retryDelayMs,
} from "@/app/_components/api/resource-state";

const failure: ApiResult<never> = { isOk: false, status: 403, error: { code: "forbidden", message: "No." } };
const describeFailure = (error: { message: string }) => `described: ${error.message}`;

function handlers() {
  return { setPending: vi.fn(), setFailure: vi.fn(), onSuccess: vi.fn() };
}

describe("a change sent to the server (useMutation's steps)", () => {
  it("is pending while it runs, clears the last error first and answers the server's data", async () => {
    const steps = handlers();
    const answer = await performMutation(async () => ({ isOk: true, status: 200, data: { id: "c1" } }), steps);
    expect(answer).toEqual({ id: "c1" });
    expect(steps.setPending.mock.calls).toEqual([[true], [false]]);
    expect(steps.setFailure.mock.calls).toEqual([[null]]);
    expect(steps.onSuccess).toHaveBeenCalledOnce();
  });

  it("keeps the server's error and answers null when the server refuses, without the success step", async () => {
    const steps = handlers();
    const answer = await performMutation(async () => failure, steps);
    expect(answer).toBeNull();
    expect(steps.setFailure.mock.calls).toEqual([[null], [failure.isOk ? null : failure.error]]);
    expect(steps.setPending.mock.calls).toEqual([[true], [false]]);
    expect(steps.onSuccess).not.toHaveBeenCalled();
  });

  it("stays pending after a success that leaves the page, but not after a failure", async () => {
    const leaving = handlers();
    await performMutation(async () => ({ isOk: true, status: 200, data: 1 }), {
      ...leaving,
      staysPendingOnSuccess: true,
    });
    expect(leaving.setPending.mock.calls).toEqual([[true]]);

    const failed = handlers();
    await performMutation(async () => failure, { ...failed, staysPendingOnSuccess: true });
    expect(failed.setPending.mock.calls).toEqual([[true], [false]]);
  });
});

describe("something loaded from the server (useResource's state)", () => {
  const loaded: ResourceState<string[]> = { data: ["a"], error: null, isLoading: false };

  it("loads a new key from empty, and shows its data once it arrives", () => {
    const started = resourceReducer(loaded, { type: "start", isNewKey: true });
    expect(started).toEqual({ data: undefined, error: null, isLoading: true });
    const settled = resourceReducer(started, {
      type: "settle",
      result: { isOk: true, status: 200, data: ["b"] },
      describeFailure,
    });
    expect(settled).toEqual({ data: ["b"], error: null, isLoading: false });
  });

  it("keeps what was shown while the same key loads again, and when that reload fails", () => {
    const reloading = resourceReducer(loaded, { type: "start", isNewKey: false });
    expect(reloading).toEqual({ data: ["a"], error: null, isLoading: true });
    const failed = resourceReducer(reloading, { type: "settle", result: failure, describeFailure });
    expect(failed).toEqual({ data: ["a"], error: "described: No.", isLoading: false });
  });

  it("clears the error once a later load succeeds, and everything when there is nothing to load", () => {
    const failed: ResourceState<string[]> = { data: undefined, error: "described: No.", isLoading: false };
    const retried = resourceReducer(resourceReducer(failed, { type: "start", isNewKey: false }), {
      type: "settle",
      result: { isOk: true, status: 200, data: ["c"] },
      describeFailure,
    });
    expect(retried).toEqual({ data: ["c"], error: null, isLoading: false });
    expect(resourceReducer(retried, { type: "clear" })).toBe(IDLE_RESOURCE);
  });
});

describe("overlapping requests (only the latest answer lands)", () => {
  it("aborts the earlier request when a newer one begins", () => {
    const tracker = createRequestTracker();
    const first = tracker.begin();
    const second = tracker.begin();
    expect(first.signal.aborted).toBe(true);
    expect(first.isCurrent()).toBe(false);
    expect(second.isCurrent()).toBe(true);
  });

  it("drops the last request too when its component goes away", () => {
    const tracker = createRequestTracker();
    const request = tracker.begin();
    tracker.cancel();
    expect(request.signal.aborted).toBe(true);
    expect(request.isCurrent()).toBe(false);
  });
});

describe("a watched resource's retries after a failed load", () => {
  it("wait twice as long after each failure in a row, half a minute at most, spread over its upper half", () => {
    const longest = [1, 2, 3, 4, 5, 6, 7].map((failures) => retryDelayMs(failures, 0, () => 0));
    expect(longest).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(retryDelayMs(3, 0, () => 0.999)).toBe(2_002);
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(6)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(15_000);
  });

  it("never come sooner than the server asked, nor later than five minutes for its asking", () => {
    expect(retryDelayMs(1, 20_000, () => 0)).toBe(20_000);
    expect(retryDelayMs(6, 5_000, () => 0)).toBe(30_000);
    expect(retryDelayMs(1, 3_600_000, () => 0)).toBe(300_000);
  });

  it("hear the server's Retry-After, in seconds or as a date", async () => {
    const answer = (headers: Record<string, string>) => new Response(JSON.stringify({}), { status: 503, headers });
    const asked = async (headers: Record<string, string>) => {
      vi.stubGlobal("fetch", async () => answer(headers));
      const result = await requestJson("/api/conversations", z.unknown());
      vi.unstubAllGlobals();
      return result.isOk ? "ok" : result.retryAfterMs;
    };
    expect(await asked({ "retry-after": "12" })).toBe(12_000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(await asked({ "retry-after": inAMinute })).toBeGreaterThan(58_000);
    expect(await asked({})).toBeUndefined();
  });

  it("are for the network and the server's troubles, not for a refusal that would come again", () => {
    const failedWith = (status: number): ApiResult<never> => ({ ...failure, status });
    expect([0, 429, 500, 503].map((status) => isWorthRetrying(failedWith(status)))).toEqual([true, true, true, true]);
    expect([401, 403, 404].map((status) => isWorthRetrying(failedWith(status)))).toEqual([false, false, false]);
    expect(isWorthRetrying({ isOk: true, status: 200, data: null })).toBe(false);
  });
});
