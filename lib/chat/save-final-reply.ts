// The final write of a reply, kept trying while the database cannot be reached: the reader already has the whole
// text, and the row must not stay STREAMING, partial, with nothing left to finish it. The text waits in memory.
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { endReplyAfterFailedSave, type FinishedReply, finishReply } from "../db/turns";

const FIRST_RETRY_MS = 500;
const LONGEST_WAIT_MS = 15_000;

export type SaveOutcome = "saved" | "retrying";

/**
 * Saves the reply. A database outage is answered "retrying" at once (so that the caller can tell its readers) and
 * the save goes on with back-off, every 15 s at most, for as long as this process runs: while it does, the reply has
 * a process that will finish it (after a restart, the start-up recovery keeps a reply left STREAMING as
 * INTERRUPTED). `whenSettled` resolves once saved. Any other failure throws, after ending the row as an error.
 */
export async function saveFinalReply(
  id: string,
  reply: FinishedReply,
): Promise<{ outcome: SaveOutcome; whenSettled: Promise<boolean> }> {
  try {
    await finishReply(id, reply);
    return { outcome: "saved", whenSettled: Promise.resolve(true) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) {
      await endReplyAfterFailedSave(id).catch(() => {});
      throw error;
    }
    console.error(`Reply ${id} could not be saved: the database cannot be reached. Retrying until it is back.`);
    return { outcome: "retrying", whenSettled: retrySave(id, reply) };
  }
}

async function retrySave(id: string, reply: FinishedReply): Promise<boolean> {
  for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    await sleep(wait);
    try {
      await finishReply(id, reply);
      console.log(`[parley] reply ${id} saved once the database was back`);
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        console.error(`Saving reply ${id} failed`, error);
        await endReplyAfterFailedSave(id).catch(() => {});
        return false;
      }
    }
  }
}
