"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import type { LoadMore } from "@/app/_components/api/use-load-more";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ActionButton } from "./action-button";

type LoadMoreSentinelProps = { label?: string; isLoading: boolean; onLoadMore: () => void; className?: string };

// Starts loading a little before the end comes into view, so scrolling rarely waits.
const PRELOAD_MARGIN = "200px";

/** Infinite scroll: loads more when the button nears the view; clicking it serves keyboards and failures. */
export function LoadMoreSentinel({ label, isLoading, onLoadMore, className = "" }: LoadMoreSentinelProps) {
  const { t } = useTranslator();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onLoadMoreRef = useRef(onLoadMore);

  useLayoutEffect(() => {
    onLoadMoreRef.current = onLoadMore;
  });

  // Observing anew after each load reports whether the end is still in view (a page that did not fill the list).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-observing is the reaction to a load finishing.
  useEffect(() => {
    const button = buttonRef.current;
    if (!button) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) onLoadMoreRef.current();
      },
      { rootMargin: PRELOAD_MARGIN },
    );
    observer.observe(button);
    return () => observer.disconnect();
  }, [isLoading]);

  return (
    <button
      ref={buttonRef}
      type="button"
      onClick={onLoadMore}
      disabled={isLoading}
      className={`text-ink-muted hover:bg-hover rounded-lg px-3 py-2 text-sm disabled:opacity-60 ${className}`}
    >
      {isLoading ? t("common.loading") : (label ?? t("common.loadMore"))}
    </button>
  );
}

type NextPageProps = {
  more: LoadMore;
  /** The sentinel's words (Load more by default). */
  label?: string;
  /** What failed, with the reason: shown in place of the sentinel. */
  failure: (reason: string) => string;
  retryLabel: string;
  className?: string;
};

/**
 * The sentinel that loads the next page once in view; after a failure, Retry does (or the retry on its own, when one
 * may help: useLoadMore): the sentinel, still in view, would ask again at once, and again.
 */
export function NextPage({ more, label, failure, retryLabel, className = "" }: NextPageProps) {
  if (!more.error || more.isLoading) {
    return (
      <LoadMoreSentinel
        label={label}
        isLoading={more.isLoading}
        onLoadMore={() => void more.loadMore()}
        className={className}
      />
    );
  }
  return (
    <div className={`flex items-center gap-2 px-3 py-2 ${className}`}>
      <p role="alert" className="text-danger flex-1 text-xs">
        {failure(more.error)}
      </p>
      <ActionButton onClick={() => void more.loadMore()}>{retryLabel}</ActionButton>
    </div>
  );
}
