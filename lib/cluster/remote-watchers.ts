// Which conversations browsers watch on the other processes (lib/chat/conversation-watchers.ts), so that a reply
// started here goes on the bus as `started` only when someone elsewhere watches its conversation: most turns are in
// conversations nobody else has open, and announcing each was a NOTIFY per turn (PostgreSQL's work, and every other
// process's reading). A process sends `watch` when a conversation gets its first watcher there, and its whole list
// (`watching`) at every beat of its lease (a third of the lease time, start-cluster.ts); a process not heard from for
// a whole lease time (it died, or its bus is down) counts as watching nothing, as its lease would count as expired.
// What a late `watch` or list would have missed is made up when it arrives: the replies running here in the
// conversations it adds are announced then.
import { env } from "../env";

type Watching = { conversationIds: Set<string>; heardAt: number };

const globalForWatchers = globalThis as unknown as { parleyRemoteWatchers?: Map<string, Watching> };
globalForWatchers.parleyRemoteWatchers ??= new Map();
const byProcess = globalForWatchers.parleyRemoteWatchers;

/** How often a process sends its whole list: every third of the lease time, as it renews its lease. */
export function watchListBeatMs(): number {
  return (env().PROCESS_LEASE_SECONDS * 1000) / 3;
}

const isHeardWithinLease = (watching: Watching, now: number) =>
  now - watching.heardAt <= env().PROCESS_LEASE_SECONDS * 1000;

/** Whether a browser on another process (heard from within a lease time) watches the conversation. */
export function isWatchedElsewhere(conversationId: string, now = Date.now()): boolean {
  for (const [processId, watching] of byProcess) {
    if (!isHeardWithinLease(watching, now)) {
      byProcess.delete(processId);
      continue;
    }
    if (watching.conversationIds.has(conversationId)) return true;
  }
  return false;
}

/**
 * Records what `processId` watches: one more conversation (`watch`), or its whole list (`watching`), which replaces
 * what was known. Returns the conversations it did not watch before, and whether it was unknown here (it just
 * started, or was forgotten), so that the caller can send it this process's own list.
 */
export function noteRemoteWatching(
  processId: string,
  update: { added: string } | { all: string[] },
  now = Date.now(),
): { newlyWatched: string[]; isNewProcess: boolean } {
  const entry = byProcess.get(processId);
  const known = entry && isHeardWithinLease(entry, now) ? entry : undefined;
  const before = known?.conversationIds ?? new Set<string>();
  const after = "all" in update ? new Set(update.all) : new Set([...before, update.added]);
  byProcess.set(processId, { conversationIds: after, heardAt: now });
  return { newlyWatched: [...after].filter((id) => !before.has(id)), isNewProcess: known === undefined };
}
