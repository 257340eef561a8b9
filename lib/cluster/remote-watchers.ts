// Which conversations browsers watch on the other processes (lib/chat/conversation-watchers.ts), so that a reply
// started here goes on the bus as `started` only when someone elsewhere watches its conversation: most turns are in
// conversations nobody else has open, and announcing each would be a NOTIFY per turn for PostgreSQL to deliver and
// for every process to read. A process sends `watch` when a conversation gets its first watcher there, and its whole
// list (`watching`) at every beat of its lease, asking the others for theirs when it joins or its bus reconnects
// (what was sent while it was not listening is lost to it). Each message carries how long the sender's list lives
// (its lease time, `ttl`): a process not heard from for that long (it died, or its bus is down) counts as watching
// nothing, as its lease would count as expired. What a late `watch` or list would have missed is made up when it
// arrives: the replies running here in the conversations it adds are announced then (start-cluster.ts).
import { env } from "../env";
import type { BusMessage } from "./bus-messages";

export type WatchMessage = Extract<BusMessage, { k: "watch" } | { k: "watching" }>;

/** This process's first watcher of a conversation, for the others; the list lives for this process's lease time. */
export function watchMessage(conversationId: string): WatchMessage {
  return { k: "watch", c: conversationId, ttl: env().PROCESS_LEASE_SECONDS };
}

/** Every conversation watched in this process, for the others; `ask`: they answer with theirs. */
export function watchListMessage(conversationIds: string[], ask: boolean): WatchMessage {
  const list = { k: "watching", c: conversationIds, ttl: env().PROCESS_LEASE_SECONDS } as const;
  return ask ? { ...list, ask } : list;
}

/**
 * What to send back: nothing, this process's list (the sender asked for it), or this process's list asking for
 * everyone's (a `watch` came from a process whose list is not known here: forgotten, or missed while disconnected).
 */
export type WatchAnswer = "none" | "list" | "list and ask";

type Watching = { conversationIds: Set<string>; expiresAt: number };

const globalForWatchers = globalThis as unknown as { parleyRemoteWatchers?: Map<string, Watching> };
globalForWatchers.parleyRemoteWatchers ??= new Map();
const byProcess = globalForWatchers.parleyRemoteWatchers;

function forgetExpired(now: number): void {
  for (const [processId, watching] of byProcess) if (watching.expiresAt < now) byProcess.delete(processId);
}

/** Whether a browser on another process (whose list has not expired) watches the conversation. */
export function isWatchedElsewhere(conversationId: string, now = Date.now()): boolean {
  forgetExpired(now);
  for (const watching of byProcess.values()) if (watching.conversationIds.has(conversationId)) return true;
  return false;
}

/**
 * Records what `processId` watches: one more conversation (`watch`), or its whole list (`watching`), which replaces
 * what was known. Returns the conversations it did not watch before, and what to answer.
 */
export function noteRemoteWatching(
  processId: string,
  message: WatchMessage,
  now = Date.now(),
): { newlyWatched: string[]; answer: WatchAnswer } {
  forgetExpired(now);
  const known = byProcess.get(processId);
  const before = known?.conversationIds ?? new Set<string>();
  const after = message.k === "watching" ? new Set(message.c) : new Set([...before, message.c]);
  byProcess.set(processId, { conversationIds: after, expiresAt: now + message.ttl * 1000 });
  const newlyWatched = [...after].filter((id) => !before.has(id));
  if (message.k === "watching") return { newlyWatched, answer: message.ask ? "list" : "none" };
  return { newlyWatched, answer: known ? "none" : "list and ask" };
}
