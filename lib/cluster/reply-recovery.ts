// Recovering the replies of app processes that died (killed, crashed, lost their machine): run once at start and
// after every lease renewal (lib/cluster/process-lease.ts), in every process. A reply is recovered only once its
// owner's lease has expired, so a live process's replies are never touched, and several processes sweeping at once
// recover each reply once (the UPDATE takes only rows still STREAMING).
import { interruptRepliesOfExpiredOwners, type RecoveredReply } from "../db/process-leases";
import { recordRecoveredReplies } from "../observability/metrics";
import { releaseOrphanedReservations } from "../usage-limits/reserve-usage";
import { broadcast, isBusRunning } from "./live-bus";
import { endRecoveredMirrors } from "./remote-replies";

/**
 * Saves as INTERRUPTED, with their text as last saved, the replies whose owner's lease expired, and tells the readers
 * following them on any process. Everything else to undo for a dead reply belongs here, after the update, so that it
 * runs exactly once per reply. Returns the replies recovered.
 */
export async function recoverInterruptedReplies(): Promise<RecoveredReply[]> {
  const recovered = await interruptRepliesOfExpiredOwners();
  if (recovered.length > 0) {
    // Told first: this process is the only one the UPDATE returned them to. (A reader whose process misses the
    // message, or when the bus is not running yet, ends from the database: remote-replies.ts.)
    recordRecoveredReplies(recovered.length);
    const ids = recovered.map((reply) => reply.id);
    endRecoveredMirrors(ids);
    if (isBusRunning()) broadcast({ k: "swept", r: ids });
  }
  // The usage they reserved (and that of API calls the dead process was serving) is released.
  await releaseOrphanedReservations();
  return recovered;
}
