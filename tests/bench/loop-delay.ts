// How late this thread's event loop ran while some work went on: the bench's own stall, which would show in any
// latency that this thread timestamps (the fake upstream's writes, the SSE client's receipts).
import { createHistogram } from "node:perf_hooks";

export type LoopDelay = { p99Ms: number; maxMs: number };

const TICK_MS = 1;

/**
 * Records how late a 1 ms timer fires, only while work given to `during` runs; spans add up. (Node's
 * monitorEventLoopDelay, disabled between spans, counts the whole gap as one late tick when enabled again, and its
 * histogram cannot be added to another.)
 */
export function createLoopDelayMeter() {
  const lateness = createHistogram();
  return {
    during: async <T>(work: () => Promise<T>): Promise<T> => {
      let due = performance.now() + TICK_MS;
      const timer = setInterval(() => {
        const now = performance.now();
        lateness.record(Math.max(1, Math.round((now - due) * 1e6)));
        due = now + TICK_MS;
      }, TICK_MS);
      try {
        return await work();
      } finally {
        clearInterval(timer);
      }
    },
    read: (): LoopDelay => ({ p99Ms: lateness.percentile(99) / 1e6, maxMs: lateness.max / 1e6 }),
  };
}

export function formatLoopDelay(delay: LoopDelay): string {
  return `p99 ${delay.p99Ms.toFixed(1)} ms, max ${delay.maxMs.toFixed(1)} ms`;
}
