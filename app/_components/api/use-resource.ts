"use client";

import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { type ApiResult, describeError } from "./api-client";
import {
  createRequestTracker,
  IDLE_RESOURCE,
  isWorthRetrying,
  type ResourceState,
  resourceReducer,
  retryDelayMs,
} from "./resource-state";

type ResourceOptions = {
  /** Wait this long after the key changes before loading (typing in a search box): one request per pause. */
  delayMs?: number;
  /**
   * Window events after which the resource is loaded again (something changed elsewhere, the window is back). A
   * resource kept up to date this way must not stay stale after a failed load, which no event may follow: it loads
   * again when the browser is back online, and on its own after a growing pause (retryDelayMs).
   */
  reloadOn?: string[];
};

export type Resource<T> = ResourceState<T> & { reload: () => void };

/**
 * The one way a component loads something from the server. `key` names what to load (null: nothing now); `load`
 * fetches it and may be a new function on every render: a new load starts when the key changes or on `reload`.
 * An answer that is no longer wanted (the key moved on, a newer load started, the component left) is dropped.
 */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<ApiResult<T>>,
  { delayMs = 0, reloadOn = [] }: ResourceOptions = {},
): Resource<T> {
  const translator = useTranslator();
  const [state, dispatch] = useReducer(resourceReducer<T>, IDLE_RESOURCE);
  const [reloadCount, setReloadCount] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const lastKeyRef = useRef<string | null>(null);
  const failuresRef = useRef(0);
  const reload = useCallback(() => setReloadCount((count) => count + 1), []);
  const reloadEvents = reloadOn.join(" ");
  const isWatched = reloadEvents !== "";

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadCount is the signal to load again.
  useEffect(() => {
    if (key === null) {
      lastKeyRef.current = null;
      dispatch({ type: "clear" });
      return;
    }
    const tracker = createRequestTracker();
    const request = tracker.begin();
    dispatch({ type: "start", isNewKey: lastKeyRef.current !== key });
    lastKeyRef.current = key;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const settle = async () => {
      const result = await loadRef.current(request.signal);
      if (!request.isCurrent()) return;
      dispatch({ type: "settle", result, describeFailure: (error) => describeError(error, translator) });
      failuresRef.current = result.isOk ? 0 : failuresRef.current + 1;
      if (isWatched && !result.isOk && isWorthRetrying(result)) {
        retryTimer = setTimeout(reload, retryDelayMs(failuresRef.current, result.retryAfterMs));
      }
    };
    const timer = delayMs > 0 ? setTimeout(() => void settle(), delayMs) : undefined;
    if (timer === undefined) void settle();
    return () => {
      clearTimeout(timer);
      clearTimeout(retryTimer);
      tracker.cancel();
    };
  }, [key, reloadCount, delayMs, translator, isWatched, reload]);

  useEffect(() => {
    const events = reloadEvents ? [...reloadEvents.split(" "), "online"] : [];
    for (const event of events) window.addEventListener(event, reload);
    return () => {
      for (const event of events) window.removeEventListener(event, reload);
    };
  }, [reloadEvents, reload]);

  return { ...state, reload };
}
