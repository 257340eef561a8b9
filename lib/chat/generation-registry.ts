// The generations running in this process, by conversation. (Several app processes would share stop and
// live-stream fan-out through PostgreSQL LISTEN/NOTIFY; see docs/architecture.md, "The live-event contract".)
import { setTimeout as sleep } from "node:timers/promises";
import { AppError } from "../errors";
import type { Generation } from "./generation";

const globalForRegistry = globalThis as unknown as {
  parleyGenerations?: Map<string, Set<Generation>>;
  parleyStreamsByUser?: Map<string, number>;
};
globalForRegistry.parleyGenerations ??= new Map();
globalForRegistry.parleyStreamsByUser ??= new Map();
const byConversation = globalForRegistry.parleyGenerations;
const streamsByUser = globalForRegistry.parleyStreamsByUser;
const slotOf = new WeakMap<Generation, StreamSlot>();

/** One of a user's concurrent reply streams, held from before the turn is written until its reply ends. */
export type StreamSlot = { release: () => void; isAttached: boolean };

/**
 * Takes a stream slot for the user, or refuses with 429 when they already run `limit` replies in this process.
 * Synchronous, so that concurrent turns of one user cannot both pass the count.
 */
export function reserveReplyStream(userId: string, limit: number): StreamSlot {
  const running = streamsByUser.get(userId) ?? 0;
  if (running >= limit) {
    throw new AppError(
      "rate_limited",
      `You already have ${running} replies being written, the most allowed at once. Wait for one to finish or stop one.`,
    );
  }
  streamsByUser.set(userId, running + 1);
  const slot: StreamSlot = {
    isAttached: false,
    release: () => {
      slot.release = () => {};
      const left = (streamsByUser.get(userId) ?? 1) - 1;
      if (left > 0) streamsByUser.set(userId, left);
      else streamsByUser.delete(userId);
    },
  };
  return slot;
}

/** `slot`: released when this generation is unregistered, i.e. when its reply has ended and been saved. */
export function registerGeneration(generation: Generation, slot?: StreamSlot): void {
  const running = byConversation.get(generation.conversationId) ?? new Set();
  running.add(generation);
  byConversation.set(generation.conversationId, running);
  if (slot) {
    slot.isAttached = true;
    slotOf.set(generation, slot);
  }
}

export function unregisterGeneration(generation: Generation): void {
  const running = byConversation.get(generation.conversationId);
  running?.delete(generation);
  if (running?.size === 0) byConversation.delete(generation.conversationId);
  slotOf.get(generation)?.release();
  slotOf.delete(generation);
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
