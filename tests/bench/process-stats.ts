// CPU time and resident memory of server processes, read from /proc (Linux only). The servers under test run
// outside the bench process, so their cost is not mixed with the load generator's.
import { readdirSync, readFileSync } from "node:fs";

// `getconf CLK_TCK`: 100 on every mainstream Linux build; /proc reports CPU time in these ticks.
const CLOCK_TICKS_PER_SECOND = 100;

type ProcessEntry = { pid: number; parentPid: number; cpuTicks: number };

function readProcessEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the numeric fields start after the last ")".
    const nameEnd = stat.lastIndexOf(")");
    const fields = stat.slice(nameEnd + 2).split(" ");
    const userTicks = Number(fields[11]);
    const systemTicks = Number(fields[12]);
    return { pid, parentPid: Number(fields[1]), cpuTicks: userTicks + systemTicks };
  } catch {
    return undefined; // exited between listing and reading
  }
}

function listProcesses(): ProcessEntry[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcessEntry(Number(name)))
    .filter((entry) => entry !== undefined);
}

/** Every process below `rootPid`, children first found first; `rootPid` itself excluded. */
export function findDescendants(rootPid: number): number[] {
  const processes = listProcesses();
  const found: number[] = [];
  const queue = [rootPid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    for (const entry of processes) {
      if (entry.parentPid !== parent) continue;
      found.push(entry.pid);
      queue.push(entry.pid);
    }
  }
  return found;
}

export function findChildByCommandLine(parentPid: number, fragment: string): number | undefined {
  return listProcesses().find((entry) => entry.parentPid === parentPid && readCommandLine(entry.pid).includes(fragment))
    ?.pid;
}

export function readCommandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
}

/** Names as the processes present themselves (next-server sets its title), which /proc's 15-character comm cuts. */
export function describeProcesses(pids: readonly number[]): string {
  return pids.map((pid) => `${readCommandLine(pid).slice(0, 40) || "?"} [${pid}]`).join(", ");
}

/** User plus system CPU time, all threads, in microseconds (10 ms resolution). */
export function readCpuMicros(pids: readonly number[]): number {
  const ticks = pids.reduce((total, pid) => total + (readProcessEntry(pid)?.cpuTicks ?? 0), 0);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

export function readRssBytes(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + readProcessRss(pid), 0);
}

function readProcessRss(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
