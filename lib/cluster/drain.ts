import { setTimeout as sleep } from "node:timers/promises";

// Whether this process is shutting down: from SIGTERM on, readiness answers "not ready" so that the load balancer
// sends new turns elsewhere, and new replies are refused here while the running ones finish (lib/server).
const globalForDrain = globalThis as unknown as { parleyDrain?: { isDraining: boolean } };
globalForDrain.parleyDrain ??= { isDraining: false };
const state = globalForDrain.parleyDrain;

export function beginDrain(): void {
  state.isDraining = true;
}

export function isDraining(): boolean {
  return state.isDraining;
}

/** Begins the drain and resolves once `countBusy` is down to 0, or after `timeoutMs`. */
export async function drain(timeoutMs: number, countBusy: () => number): Promise<void> {
  beginDrain();
  await waitUntilIdle(timeoutMs, countBusy);
}

/** Resolves once `countBusy` is down to 0, or after `timeoutMs`. */
export async function waitUntilIdle(timeoutMs: number, countBusy: () => number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (countBusy() > 0 && Date.now() < deadline) await sleep(50);
}
