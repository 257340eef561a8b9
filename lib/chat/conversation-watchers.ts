// Browsers watching a conversation (a team member with it open), told when a reply starts there so that they can
// follow it live through the re-attach stream. A reply costs one map lookup here, none per token, and nothing at
// all for conversations nobody watches.
import type { LiveReply } from "./live-reply";

type Watcher = (live: LiveReply) => void;

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

export function announceReply(live: LiveReply): void {
  const watchers = byConversation.get(live.conversationId);
  if (!watchers) return;
  for (const watcher of watchers) watcher(live);
}
