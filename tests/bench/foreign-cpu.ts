// How much CPU other processes on the machine took while the bench ran: the load generator and the servers share
// two cores, so anyone else's build or test run shows up in every figure.
import os from "node:os";
import { listTree, readCpuMicros, readMachineBusyMicros } from "./process-stats";

// Above this share of the machine taken by others, the figures say more about them than about the servers.
const FOREIGN_SHARE_WARNING = 0.1;

export type ForeignCpu = {
  /** CPU time other processes used since the meter started, in microseconds. */
  micros: number;
  /** That time as a share of what the machine's cores could give in the same wall time. */
  share: number;
  /** Whether the share is above the warning threshold: the figures are skewed. */
  isBusy: boolean;
};

/** Starts counting; the returned function reads the CPU others used since. */
export function startForeignCpuMeter(): () => ForeignCpu {
  const ownCpu = () => readCpuMicros(listTree(process.pid));
  const machineBefore = readMachineBusyMicros();
  const ownBefore = ownCpu();
  const startedAt = performance.now();
  return () => {
    // /proc/stat and per-process times are accounted differently: a quiet machine can come out slightly negative.
    const micros = Math.max(0, readMachineBusyMicros() - machineBefore - (ownCpu() - ownBefore));
    const share = micros / ((performance.now() - startedAt) * 1000 * os.cpus().length);
    return { micros, share, isBusy: share > FOREIGN_SHARE_WARNING };
  };
}

export function describeForeignCpu(reading: ForeignCpu): string {
  const warning = reading.isBusy ? ": figures are skewed, rerun on a quiet machine" : "";
  return `other processes used ${(reading.micros / 1e6).toFixed(1)} CPU-s (${formatShare(reading)} of the machine)${warning}`;
}

/** The note every row's verdict carries when others took more than the threshold during its measurement. */
export function describeBusyMachine(reading: ForeignCpu): string | undefined {
  return reading.isBusy ? `machine busy: others used ${formatShare(reading)} of the CPU` : undefined;
}

function formatShare(reading: ForeignCpu): string {
  return `${(reading.share * 100).toFixed(0)}%`;
}
