// The periodic clean-up of stored files, run by every app process (each delete is idempotent, so several processes
// may run it at once): uploads no message claimed within an hour (an abandoned composer, an aborted send), and the
// files of conversations deleted longer ago than Undo reaches (the conversation itself stays, invisible).
import { RESTORE_WINDOW_MS } from "../conversations/conversations";
import { deleteFilesOfDeletedConversations, sweepUnclaimedAttachments } from "../db/attachments";

export const UNCLAIMED_UPLOAD_LIFETIME_MS = 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

export async function sweepAttachments(now = new Date()): Promise<{ unclaimed: number; ofDeleted: number }> {
  const unclaimed = await sweepUnclaimedAttachments(new Date(now.getTime() - UNCLAIMED_UPLOAD_LIFETIME_MS));
  const ofDeleted = await deleteFilesOfDeletedConversations(new Date(now.getTime() - RESTORE_WINDOW_MS));
  return { unclaimed, ofDeleted };
}

/** Starts the sweep (first run after one interval); the returned function stops it. */
export function startAttachmentSweep(): () => void {
  const timer = setInterval(() => {
    sweepAttachments().catch((error: unknown) => {
      console.error("The attachment sweep failed:", error instanceof Error ? error.message : error);
    });
  }, SWEEP_INTERVAL_MS).unref();
  return () => clearInterval(timer);
}
