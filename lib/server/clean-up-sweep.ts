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
// Purged ten at a time, each batch its own transaction (its messages and files go in the same statement, so a batch
// of long conversations takes a while, but no lock outlives its batch): a user who deleted thousands at once holds
// nothing for long. What a run leaves, the next one takes.
const PURGE_BATCH = 10;
const PURGE_BATCHES_PER_RUN = 100;

async function purgeDeleted(deletedBefore: Date): Promise<number> {
  let purged = 0;
  for (let batch = 0; batch < PURGE_BATCHES_PER_RUN; batch++) {
    const count = await purgeDeletedConversations(deletedBefore, PURGE_BATCH);
    purged += count;
    if (count < PURGE_BATCH) break;
  }
  return purged;
}

/**
 * One step of the sweep; its failure (the database away, or a deadlock with another process's purge over files both
 * share) is logged and leaves the other steps to run: the next run takes up what this one left. Null when it failed.
 */
async function sweepStep(what: string, step: () => Promise<number>): Promise<number | null> {
  try {
    return await step();
  } catch (error) {
    console.error(`The clean-up sweep could not ${what}:`, error instanceof Error ? error.message : error);
    return null;
  }
}

export async function sweepUnreachable(now = new Date()) {
  const since = (age: number) => new Date(now.getTime() - age);
  return {
    unclaimedUploads: await sweepStep("remove unclaimed uploads", () =>
      sweepUnclaimedAttachments(since(UNCLAIMED_UPLOAD_LIFETIME_MS)),
    ),
    deletedConversations: await sweepStep("purge deleted conversations", () => purgeDeleted(since(RESTORE_WINDOW_MS))),
    emptyConversations: await sweepStep("remove empty conversations", () =>
      deleteEmptyConversations(since(EMPTY_CONVERSATION_LIFETIME_MS)),
    ),
  };
}

/** Starts the sweep (first run after one interval); the returned function stops it. */
export function startCleanUpSweep(): () => void {
  const timer = setInterval(() => void sweepUnreachable(), SWEEP_INTERVAL_MS).unref();
  return () => clearInterval(timer);
}
