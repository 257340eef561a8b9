// CPU time and resident memory of server processes, read from /proc (Linux only). The servers under test run
// outside the bench process, so their cost is not mixed with the load generator's.
import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

// `getconf CLK_TCK`: 100 on every mainstream Linux build; /proc reports CPU time in these ticks.
const CLOCK_TICKS_PER_SECOND = 100;

type ProcessEntry = { pid: number; parentPid: number; cpuTicks: number };

function readProcessEntry(pid: number): ProcessEntry | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: the numeric fields start after the last ")".
    const nameEnd = stat.lastIndexOf(")");
    const fields = stat.slice(nameEnd + 2).split(" ");
    // utime, stime, and cutime, cstime: children that ended and were reaped (a database backend closed by its pool)
    // hand their time to the parent, so a whole tree's total never drops when one of its processes exits.
    const cpuTicks = [11, 12, 13, 14].reduce((total, index) => total + Number(fields[index]), 0);
    return { pid, parentPid: Number(fields[1]), cpuTicks };
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
function findDescendants(rootPid: number): number[] {
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

export function findChildrenByCommandLine(parentPid: number, fragment: string): number[] {
  return listProcesses()
    .filter((entry) => entry.parentPid === parentPid && readCommandLine(entry.pid).includes(fragment))
    .map((entry) => entry.pid);
}

/** A process and everything below it. */
export function listTree(rootPid: number): number[] {
  return [rootPid, ...findDescendants(rootPid)];
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

/** User plus system CPU time, all threads and reaped children, in microseconds (10 ms resolution). */
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

/**
 * Proportional set size: each page shared by n processes counts 1/n. For PostgreSQL's processes, which all map the
 * same shared buffers, the sum of RSS would count them once per backend.
 */
export function readPssBytes(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + readRollupField(pid, "Pss"), 0);
}

/** Memory of the process's own (anonymous: heaps, stacks) pages, without mapped files such as code and libraries. */
export function readAnonymousBytes(pids: readonly number[]): number {
  return pids.reduce((total, pid) => total + readRollupField(pid, "Anonymous"), 0);
}

function readRollupField(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The median of a few readings: a single one lands anywhere in V8's allocate-and-collect cycle. */
export async function sampleRss(pids: readonly number[], samples = 5, intervalMs = 100): Promise<number> {
  const values: number[] = [];
  for (let index = 0; index < samples; index++) {
    values.push(readRssBytes(pids));
    await sleep(intervalMs);
  }
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** CPU time all processes of the machine spent busy (/proc/stat: everything but idle and iowait). */
export function readMachineBusyMicros(): number {
  const [cpuLine = ""] = readFileSync("/proc/stat", "utf8").split("\n");
  const [, user, nice, system, , , irq, softirq, steal] = cpuLine.trim().split(/\s+/).map(Number);
  const ticks = [user, nice, system, irq, softirq, steal].reduce((total: number, value) => total + (value ?? 0), 0);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}
