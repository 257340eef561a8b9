// The generations running in this process, by conversation. (Several app processes will share stop and
// live-stream fan-out through PostgreSQL LISTEN/NOTIFY; see DESIGN.md "Scale".)
import { setTimeout as sleep } from "node:timers/promises";
import type { Generation } from "./generation";

const globalForRegistry = globalThis as unknown as { parleyGenerations?: Map<string, Set<Generation>> };
globalForRegistry.parleyGenerations ??= new Map();
const byConversation = globalForRegistry.parleyGenerations;

export function registerGeneration(generation: Generation): void {
  const running = byConversation.get(generation.conversationId) ?? new Set();
  running.add(generation);
  byConversation.set(generation.conversationId, running);
}

export function unregisterGeneration(generation: Generation): void {
  const running = byConversation.get(generation.conversationId);
  running?.delete(generation);
  if (running?.size === 0) byConversation.delete(generation.conversationId);
}

export function findGeneration(conversationId: string, assistantMessageId: string): Generation | undefined {
  return [...(byConversation.get(conversationId) ?? [])].find((each) => each.assistantMessageId === assistantMessageId);
}

/** The newest running generation of a conversation, for a page that re-attaches. */
export function findLatestGeneration(conversationId: string): Generation | undefined {
  return [...(byConversation.get(conversationId) ?? [])].at(-1);
}

export function stopGenerations(conversationId: string): number {
  const running = [...(byConversation.get(conversationId) ?? [])];
  for (const generation of running) generation.stop();
  return running.length;
}

/**
 * For a shutdown: stops every reply of this process, which saves each as INTERRUPTED with its text and tells its
 * readers, then waits for those saves (at most `timeoutMs`).
 */
export async function stopAllGenerations(timeoutMs: number): Promise<void> {
  for (const running of byConversation.values()) for (const generation of running) generation.stop();
  const deadline = Date.now() + timeoutMs;
  while (byConversation.size > 0 && Date.now() < deadline) await sleep(50);
}
