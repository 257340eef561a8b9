import { setTimeout as sleep } from "node:timers/promises";
import { countOpenReplies } from "./remote-replies";

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

/**
 * Begins the drain and resolves once every reply launched here has ended and its stream closed (its title sent), or
 * after `timeoutMs`.
 */
export async function drainReplies(timeoutMs: number): Promise<void> {
  beginDrain();
  const deadline = Date.now() + timeoutMs;
  while (countOpenReplies() > 0 && Date.now() < deadline) await sleep(50);
}
