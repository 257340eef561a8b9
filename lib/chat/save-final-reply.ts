// The final write of a reply, kept trying while the database cannot be reached: the reader already has the whole
// text, and the row must not stay STREAMING, partial, with nothing left to finish it. The text waits in memory.
import { setTimeout as sleep } from "node:timers/promises";
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { type FinishedReply, finishReply } from "../db/turns";

const FIRST_RETRY_MS = 500;
const LONGEST_WAIT_MS = 15_000;
// Long enough for a database restart or a failover; a longer outage is left to the start-up recovery, which keeps
// a reply left STREAMING as INTERRUPTED with the text of its last partial save.
const GIVE_UP_AFTER_MS = 10 * 60_000;

export type SaveOutcome = "saved" | "retrying";

/**
 * Saves the reply. A database outage is answered "retrying" at once (so that the caller can tell its readers) and
 * the save goes on with back-off until it succeeds or GIVE_UP_AFTER_MS passes; `whenSettled` then resolves. Any
 * other failure throws, as before.
 */
export async function saveFinalReply(
  id: string,
  reply: FinishedReply,
): Promise<{ outcome: SaveOutcome; whenSettled: Promise<boolean> }> {
  try {
    await finishReply(id, reply);
    return { outcome: "saved", whenSettled: Promise.resolve(true) };
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    console.error(`Reply ${id} could not be saved: the database cannot be reached. Retrying until it is back.`);
    return { outcome: "retrying", whenSettled: retrySave(id, reply) };
  }
}

async function retrySave(id: string, reply: FinishedReply): Promise<boolean> {
  const deadline = Date.now() + GIVE_UP_AFTER_MS;
  for (let wait = FIRST_RETRY_MS; Date.now() < deadline; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    await sleep(Math.min(wait, Math.max(deadline - Date.now(), 0)));
    try {
      await finishReply(id, reply);
      console.log(`[parley] reply ${id} saved once the database was back`);
      return true;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) {
        console.error(`Saving reply ${id} failed`, error);
        return false;
      }
    }
  }
  console.error(`Reply ${id} was not saved: the database stayed unreachable for ${GIVE_UP_AFTER_MS / 60_000} minutes.`);
  return false;
}
