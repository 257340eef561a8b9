// How much CPU other processes on the machine took while the bench ran: the load generator and the servers share
// two cores, so anyone else's build or test run shows up in every figure.
import os from "node:os";
import { listTree, readCpuMicros, readMachineBusyMicros } from "./process-stats";

// Above this share of the machine taken by others, the figures say more about them than about the servers.
const FOREIGN_SHARE_WARNING = 0.1;

/** Starts counting; the returned function describes the CPU others used since. */
export function startForeignCpuMeter(): () => string {
  const ownCpu = () => readCpuMicros(listTree(process.pid));
  const machineBefore = readMachineBusyMicros();
  const ownBefore = ownCpu();
  const startedAt = performance.now();
  return () => {
    // /proc/stat and per-process times are accounted differently: a quiet machine can come out slightly negative.
    const foreign = Math.max(0, readMachineBusyMicros() - machineBefore - (ownCpu() - ownBefore));
    const share = foreign / ((performance.now() - startedAt) * 1000 * os.cpus().length);
    const warning = share > FOREIGN_SHARE_WARNING ? ": figures are skewed, rerun on a quiet machine" : "";
    return `other processes used ${(foreign / 1e6).toFixed(1)} CPU-s (${(share * 100).toFixed(0)}% of the machine)${warning}`;
  };
}
