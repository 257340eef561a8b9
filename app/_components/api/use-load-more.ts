import { useCallback, useEffect, useRef, useState } from "react";
import { type ApiResult, describeError } from "@/app/_components/api/api-client";
import { isWorthRetrying, retryDelayMs } from "@/app/_components/api/resource-state";
import { useTranslator } from "@/app/_i18n/translator-provider";

export type LoadMore = { isLoading: boolean; error: string | null; loadMore: () => Promise<void> };

/**
 * A list's next page, asked for as the reader reaches its end. A failed load says so (`error`, for a Retry beside
 * it) instead of being asked for again at once by the end still in view; one worth trying again (the network, a busy
 * or restarting server) is, on its own, after the same growing, jittered pause as a first page's (use-resource.ts),
 * never sooner than the server's Retry-After. `load` gives null when there is no next page.
 */
export function useLoadMore<T>(load: () => Promise<ApiResult<T>> | null, onLoaded: (page: T) => void): LoadMore {
  const translator = useTranslator();
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const failuresRef = useRef(0);
  const retryTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The timer's try loads the page the list needs then, with what the list holds then.
  const loadMoreRef = useRef<() => Promise<void>>(async () => {});
  // A page that fails after the list is gone schedules nothing: its timer would outlive every cleanup.
  const isMountedRef = useRef(true);
  useEffect(() => {
    isMountedRef.current = true;
    return () => {
      isMountedRef.current = false;
      clearTimeout(retryTimerRef.current);
    };
  }, []);

  async function loadMore(): Promise<void> {
    if (isLoading) return;
    const request = load();
    if (!request) return;
    clearTimeout(retryTimerRef.current);
    setIsLoading(true);
    const result = await request;
    if (!isMountedRef.current) return;
    setIsLoading(false);
    if (result.isOk) {
      failuresRef.current = 0;
      setError(null);
      onLoaded(result.data);
      return;
    }
    failuresRef.current += 1;
    setError(describeError(result.error, translator));
    if (!isWorthRetrying(result)) return;
    const delay = retryDelayMs(failuresRef.current, result.retryAfterMs);
    retryTimerRef.current = setTimeout(() => void loadMoreRef.current(), delay);
  }
  loadMoreRef.current = loadMore;
  // Stable, for effects that ask for a page (the jump to a message far up a thread): it runs the latest closure.
  const stableLoadMore = useCallback(() => loadMoreRef.current(), []);

  return { isLoading, error, loadMore: stableLoadMore };
}
