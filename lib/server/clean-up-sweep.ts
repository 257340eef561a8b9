// The periodic clean-up of what nobody can reach any more, run by every app process (each delete is idempotent, so
// several processes may run it at once): uploads no message claimed within an hour (an abandoned composer, an
// aborted send), conversations deleted longer ago than Undo reaches (with their messages and files), and
// conversations that never got a message, left for a week.
import { RESTORE_WINDOW_MS } from "../conversations/conversations";
import { sweepUnclaimedAttachments } from "../db/attachments";
import { deleteEmptyConversations, purgeDeletedConversations } from "../db/conversations";
import { UNCLAIMED_UPLOAD_LIFETIME_MS } from "../limits";

/** Long enough that a new chat left open in a tab over a weekend still takes its first message. */
export const EMPTY_CONVERSATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
// Purged a batch at a time, each its own short transaction: a user who deleted thousands of long conversations at
// once holds no lock for long. What a run leaves, the next one takes.
const PURGE_BATCH = 50;
const PURGE_BATCHES_PER_RUN = 20;

async function purgeDeleted(deletedBefore: Date): Promise<number> {
  let purged = 0;
  for (let batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
    const count = await purgeDeletedConversations(deletedBefore, PURGE_BATCH);
    purged += count;
    if (count < PURGE_BATCH) break;
  }
  return purged;
}

export async function sweepUnreachable(now = new Date()) {
  const since = (age: number) => new Date(now.getTime() - age);
  const unclaimedUploads = await sweepUnclaimedAttachments(since(UNCLAIMED_UPLOAD_LIFETIME_MS));
  const deletedConversations = await purgeDeleted(since(RESTORE_WINDOW_MS));
  const emptyConversations = await deleteEmptyConversations(since(EMPTY_CONVERSATION_LIFETIME_MS));
  return { unclaimedUploads, deletedConversations, emptyConversations };
}

/** Starts the sweep (first run after one interval); the returned function stops it. */
export function startCleanUpSweep(): () => void {
  const timer = setInterval(() => {
    sweepUnreachable().catch((error: unknown) => {
      console.error("The clean-up sweep failed:", error instanceof Error ? error.message : error);
    });
  }, SWEEP_INTERVAL_MS).unref();
  return () => clearInterval(timer);
}
