"use client";

import { useEffect, useLayoutEffect, useRef } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";

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
