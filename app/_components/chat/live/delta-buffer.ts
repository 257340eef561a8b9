export type DeltaBuffer = { push: (text: string) => void; flush: () => void; discard: () => void };

const FLUSH_INTERVAL_MS = 50;

// Collects streamed text and hands it on at most every interval, so a fast model causes ~20 renders a second
// instead of one per token. A timer rather than requestAnimationFrame: frames pause in background tabs.
export function createDeltaBuffer(onFlush: (text: string) => void, intervalMs = FLUSH_INTERVAL_MS): DeltaBuffer {
  let pending = "";
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function flush(): void {
    clearTimer();
    if (pending === "") return;
    const text = pending;
    pending = "";
    onFlush(text);
  }

  return {
    push(text) {
      pending += text;
      timer ??= setTimeout(flush, intervalMs);
    },
    flush,
    discard() {
      clearTimer();
      pending = "";
    },
  };
}
