import type { ApiResult } from "./api-client";
import type { ApiError } from "./types";

// What a component shows of something it loads from the server, apart from React so that it can be tested.
// `data` stays while the same resource loads again (a refresh shows the old list meanwhile, and a failed refresh
// keeps it); a different resource (a new key) starts empty.
export type ResourceState<T> = { data: T | undefined; error: string | null; isLoading: boolean };

export type ResourceAction<T> =
  | { type: "start"; isNewKey: boolean }
  | { type: "settle"; result: ApiResult<T>; describeFailure: (error: ApiError) => string }
  | { type: "clear" };

export const IDLE_RESOURCE: ResourceState<never> = { data: undefined, error: null, isLoading: false };

export function resourceReducer<T>(state: ResourceState<T>, action: ResourceAction<T>): ResourceState<T> {
  switch (action.type) {
    case "start":
      return action.isNewKey ? { data: undefined, error: null, isLoading: true } : { ...state, isLoading: true };
    case "settle":
      return action.result.isOk
        ? { data: action.result.data, error: null, isLoading: false }
        : { ...state, error: action.describeFailure(action.result.error), isLoading: false };
    case "clear":
      return IDLE_RESOURCE;
  }
}

// A watched resource whose load failed for want of the network or the server tries again by itself, waiting twice as
// long after each failure up to half a minute, or longer when the server asks (its Retry-After, up to five minutes);
// a refusal (4xx) would answer the same again.
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;
const LONGEST_ASKED_WAIT_MS = 5 * 60_000;

export function isWorthRetrying(result: ApiResult<unknown>): boolean {
  return !result.isOk && (result.status === 0 || result.status === 429 || result.status >= 500);
}

/**
 * The pause before the next try after `failures` failed loads in a row (the first is 1): between half and all of the
 * doubled wait, so that the pages one outage cut off do not all come back at the same instant, and never sooner than
 * the server asked (`retryAfterMs`).
 */
export function retryDelayMs(failures: number, retryAfterMs = 0, random: () => number = Math.random): number {
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(failures - 1, 0), LONGEST_RETRY_MS);
  return Math.max(Math.round(backoff * (1 - random() / 2)), Math.min(retryAfterMs, LONGEST_ASKED_WAIT_MS));
}

export type TrackedRequest = { signal: AbortSignal; isCurrent: () => boolean };

/**
 * Requests may overlap (a key changes, or change events come in a row): only the latest one's answer may land.
 * Starting a request aborts the one before; `cancel` aborts the last (when the component goes away).
 */
export function createRequestTracker() {
  let latest: AbortController | null = null;
  return {
    begin(): TrackedRequest {
      latest?.abort();
      const controller = new AbortController();
      latest = controller;
      return { signal: controller.signal, isCurrent: () => latest === controller && !controller.signal.aborted };
    },
    cancel(): void {
      latest?.abort();
      latest = null;
    },
  };
}
