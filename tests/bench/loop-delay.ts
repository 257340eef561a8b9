// How late this thread's event loop ran while some work went on: the bench's own stall, which would show in any
// latency that this thread timestamps (the fake upstream's writes, the SSE client's receipts).
import { monitorEventLoopDelay } from "node:perf_hooks";

export type LoopDelay = { p99Ms: number; maxMs: number };

export async function measureLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; delay: LoopDelay }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  try {
    const result = await work();
    return { result, delay: { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 } };
  } finally {
    histogram.disable();
  }
}

export function formatLoopDelay(delay: LoopDelay): string {
  return `p99 ${delay.p99Ms.toFixed(1)} ms, max ${delay.maxMs.toFixed(1)} ms`;
}
