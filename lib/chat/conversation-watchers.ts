// Browsers watching a conversation (a team member with it open), told when a reply starts there so that they can
// follow it live through the re-attach stream. A reply costs one map lookup here, none per token, and nothing at
// all for conversations nobody watches; a reply started here is also announced to the other processes' watchers
// (lib/cluster), with one notification, when a process watches its conversation (remote-watchers.ts).
import { broadcast } from "../cluster/live-bus";
import { isWatchedElsewhere, watchMessage } from "../cluster/remote-watchers";
import type { LiveReply } from "./live-reply";

type Watcher = (assistantMessageId: string) => void;

const globalForWatchers = globalThis as unknown as { parleyWatchers?: Map<string, Set<Watcher>> };
globalForWatchers.parleyWatchers ??= new Map();
const byConversation = globalForWatchers.parleyWatchers;

/** Returns the function that stops watching. */
export function watchConversation(conversationId: string, watcher: Watcher): () => void {
  const watchers = byConversation.get(conversationId) ?? new Set();
  // The other processes announce their replies in it from now on, and at once those already running.
  if (watchers.size === 0) broadcast(watchMessage(conversationId));
  watchers.add(watcher);
  byConversation.set(conversationId, watchers);
  return () => {
    watchers.delete(watcher);
    if (watchers.size === 0 && byConversation.get(conversationId) === watchers) byConversation.delete(conversationId);
  };
}

/** A reply started in this process: its conversation's watchers here and in the other processes are told. */
export function announceReply(live: LiveReply): void {
  announceReplyHere(live.conversationId, live.assistantMessageId);
  if (isWatchedElsewhere(live.conversationId)) announceReplyElsewhere(live.conversationId, live.assistantMessageId);
}

/** Tells the other processes' watchers of the conversation (for a reply running here). */
export function announceReplyElsewhere(conversationId: string, assistantMessageId: string): void {
  broadcast({ k: "started", c: conversationId, r: assistantMessageId });
}

/** Tells this process's watchers of the conversation (a reply started here or in another process). */
export function announceReplyHere(conversationId: string, assistantMessageId: string): void {
  const watchers = byConversation.get(conversationId);
  if (!watchers) return;
  for (const watcher of watchers) watcher(assistantMessageId);
}

/** The conversations watched in this process: the list sent to the others, and re-announced after a lost connection. */
export function watchedConversationIds(): string[] {
  return [...byConversation.keys()];
}
