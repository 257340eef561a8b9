// This process's lease: renewed every third of the lease time by one statement, whatever the number of replies it
// runs; after each renewal the replies of processes whose lease expired are recovered (reply-recovery.ts), so a
// killed process's replies are marked interrupted within about 1⅓ lease times (20 s by default).
import { isDatabaseUnavailable } from "../db/database-unavailable";
import { removeLease, renewLease } from "../db/process-leases";
import { env } from "../env";
import { currentProcessId } from "./process-identity";
import { recoverInterruptedReplies } from "./reply-recovery";

export type LeaseKeeper = { stop: () => Promise<void> };

async function renewAndRecover(): Promise<void> {
  try {
    await renewLease(currentProcessId(), env().PROCESS_LEASE_SECONDS);
    const recovered = await recoverInterruptedReplies();
    if (recovered.length > 0)
      console.log(`[parley] ${recovered.length} reply(ies) of a stopped process kept as interrupted`);
  } catch (error) {
    // During an outage every beat would log the same failure; the next beat tries again.
    if (!isDatabaseUnavailable(error)) console.error("Renewing the process lease failed", error);
  }
}

/** The lease is renewed every third of its time: one late renewal does not let it expire. */
export function leaseBeatMs(): number {
  return (env().PROCESS_LEASE_SECONDS * 1000) / 3;
}

/** Takes the lease (before any reply can be started here) and keeps it until `stop`. */
export async function keepProcessLease(): Promise<LeaseKeeper> {
  await renewLease(currentProcessId(), env().PROCESS_LEASE_SECONDS);
  let beating: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    beating = renewAndRecover();
  }, leaseBeatMs());
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await beating;
      // Its replies are saved by now: nothing is left for another process to recover.
      await removeLease(currentProcessId()).catch(() => {});
    },
  };
}
