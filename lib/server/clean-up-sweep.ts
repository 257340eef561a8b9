// The periodic clean-up of what nobody can reach any more, run by every app process (each delete is idempotent, so
// several processes may run it at once): uploads no message claimed within an hour (an abandoned composer, an
// aborted send), the files of conversations deleted longer ago than Undo reaches (the conversation itself stays,
// invisible), and conversations that never got a message, left for a week.
import { RESTORE_WINDOW_MS } from "../conversations/conversations";
import { deleteFilesOfDeletedConversations, sweepUnclaimedAttachments } from "../db/attachments";
import { deleteEmptyConversations } from "../db/conversations";
import { UNCLAIMED_UPLOAD_LIFETIME_MS } from "../limits";

/** Long enough that a new chat left open in a tab over a weekend still takes its first message. */
export const EMPTY_CONVERSATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export async function sweepUnreachable(now = new Date()) {
  const since = (age: number) => new Date(now.getTime() - age);
  const unclaimedUploads = await sweepUnclaimedAttachments(since(UNCLAIMED_UPLOAD_LIFETIME_MS));
  const filesOfDeleted = await deleteFilesOfDeletedConversations(since(RESTORE_WINDOW_MS));
  const emptyConversations = await deleteEmptyConversations(since(EMPTY_CONVERSATION_LIFETIME_MS));
  return { unclaimedUploads, filesOfDeleted, emptyConversations };
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
