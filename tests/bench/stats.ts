// Order statistics for latency samples: nearest-rank percentiles, so a reported p99 is a value that was observed.
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function findLargestGap(times: readonly number[]): number {
  let largest = 0;
  for (let index = 1; index < times.length; index++) {
    largest = Math.max(largest, (times[index] ?? 0) - (times[index - 1] ?? 0));
  }
  return largest;
}
