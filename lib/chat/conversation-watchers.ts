// Browsers watching a conversation (a team member with it open), told when a reply starts there so that they can
// follow it live through the re-attach stream. A reply costs one map lookup here, none per token, and nothing at
// all for conversations nobody watches; a reply started here is also announced to the other processes' watchers
// (lib/cluster), with one notification per reply.
import { broadcast } from "../cluster/live-bus";
import type { LiveReply } from "./live-reply";

type Watcher = (assistantMessageId: string) => void;

const globalForWatchers = globalThis as unknown as { parleyWatchers?: Map<string, Set<Watcher>> };
globalForWatchers.parleyWatchers ??= new Map();
const byConversation = globalForWatchers.parleyWatchers;

/** Returns the function that stops watching. */
export function watchConversation(conversationId: string, watcher: Watcher): () => void {
  const watchers = byConversation.get(conversationId) ?? new Set();
  watchers.add(watcher);
  byConversation.set(conversationId, watchers);
  return () => {
    watchers.delete(watcher);
    if (watchers.size === 0 && byConversation.get(conversationId) === watchers) byConversation.delete(conversationId);
  };
}

/** A reply started in this process: its conversation's watchers here and in every other process are told. */
export function announceReply(live: LiveReply): void {
  announceReplyHere(live.conversationId, live.assistantMessageId);
  broadcast({ k: "started", c: live.conversationId, r: live.assistantMessageId });
}

/** Tells this process's watchers of the conversation (a reply started here or in another process). */
export function announceReplyHere(conversationId: string, assistantMessageId: string): void {
  const watchers = byConversation.get(conversationId);
  if (!watchers) return;
  for (const watcher of watchers) watcher(assistantMessageId);
}

/** The conversations watched in this process, to re-announce their running replies after a lost connection. */
export function watchedConversationIds(): string[] {
  return [...byConversation.keys()];
}
