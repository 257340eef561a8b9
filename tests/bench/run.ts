// `npm run bench`: what a full chat turn through Parley costs next to a raw SSE relay and to the upstream itself.
// Starts a paced fake upstream (in this process), the raw relay (a child process), a PostgreSQL with
// pg_stat_statements and the production build on it (the test stack), runs each measurement, prints one table and
// always cleans up. Needs `npm run build` first. Sizes: see bench-config.ts (BENCH_* variables).
import os from "node:os";
import { startFakeUpstream } from "../support/fake-upstream";
import { startTestStack } from "../support/test-stack";
import { allowManyStreams, signUpAndIn } from "./bench-client";
import { benchConfig } from "./bench-config";
import type { BenchContext } from "./bench-context";
import { startBenchDatabase } from "./bench-database";
import { createConversationPool } from "./conversation-pool";
import { describeBusyMachine, describeForeignCpu, startForeignCpuMeter } from "./foreign-cpu";
import { measureAbortStorm } from "./measure-abort-storm";
import { measureApi } from "./measure-api";
import { measureConcurrency } from "./measure-concurrency";
import { measureContext } from "./measure-context";
import { measureCpu, measureReasoningCpu } from "./measure-cpu";
import { measureDatabase } from "./measure-database";
import { measureDeltaLatency } from "./measure-delta-latency";
import { measureHistory } from "./measure-history";
import { measureIdleMemory } from "./measure-idle-memory";
import { measureImportStall } from "./measure-import-stall";
import { measureInitialJs } from "./measure-initial-js";
import { measureRender } from "./measure-render";
import { measureRoundTrips } from "./measure-round-trips";
import { measureStreamMemory } from "./measure-stream-memory";
import { measureTtft } from "./measure-ttft";
import { measureTwoProcesses } from "./measure-two-processes";
import { measureUploadStall } from "./measure-upload-stall";
import { measureUsageDashboard } from "./measure-usage-dashboard";
import { describeProcesses, findChildrenByCommandLine, listTree } from "./process-stats";
import { startRawRelay } from "./relay-process";
import { describeFailure, formatReport, type Section, withWarning } from "./report";
import { benchAppEnv } from "./second-server";
import { createAppTarget, createDirectTarget, createRelayTarget } from "./targets";
import { waitForUpstreamIdle } from "./upstream-control";

/** `row` is the measurement's place in the table, which differs from the order they run in. */
type Measurement = { name: string; row: number; run: (context: BenchContext) => Promise<Section> };

const measurements: Measurement[] = [
  // First: what the process holds after its start and one chat, before any load grows its heap.
  { name: "idle process memory", row: 5, run: measureIdleMemory },
  { name: "added time to first token", row: 1, run: measureTtft },
  { name: "per-delta latency", row: 2, run: measureDeltaLatency },
  // Before the heavy phases: their heap high-water mark would hide what a stream adds.
  { name: "RSS per stream", row: 5, run: measureStreamMemory },
  { name: "RSS after an abort storm", row: 6, run: measureAbortStorm },
  { name: "server CPU per streamed delta", row: 3, run: measureCpu },
  { name: "server CPU per reasoning delta", row: 3, run: measureReasoningCpu },
  { name: "concurrent streams", row: 4, run: measureConcurrency },
  { name: "database statements and writes per token", row: 7, run: measureDatabase },
  { name: "database statements as round trips around the first token", row: 7, run: measureRoundTrips },
  { name: "context assembly", row: 8, run: measureContext },
  { name: "browser render per token", row: 9, run: measureRender },
  { name: "initial JavaScript", row: 10, run: measureInitialJs },
  { name: "history", row: 11, run: measureHistory },
  { name: "import stall", row: 12, run: measureImportStall },
  { name: "upload stall", row: 13, run: measureUploadStall },
  { name: "/v1 API", row: 14, run: measureApi },
  { name: "two processes", row: 15, run: measureTwoProcesses },
  // Last: it seeds 270,000 ledger rows and 1,000 users, which no other measurement should carry.
  { name: "usage dashboard", row: 16, run: measureUsageDashboard },
];

/** The measurement's rows, each with a "machine busy" warning when others took more than 10% of the CPU meanwhile. */
async function runMeasurement(measurement: Measurement, context: BenchContext): Promise<Section> {
  const startedAt = performance.now();
  const readForeignCpu = startForeignCpuMeter();
  console.log(`[bench] ${measurement.name}…`);
  let section: Section;
  try {
    section = await measurement.run(context);
  } catch (error) {
    console.error(`[bench] ${measurement.name} failed:`, error);
    section = describeFailure([measurement.name], error);
  }
  await waitForUpstreamIdle(context.fake).catch(() => {});
  const foreign = readForeignCpu();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  console.log(`[bench] ${measurement.name} took ${seconds} s; ${describeForeignCpu(foreign)}`);
  return withWarning(section, describeBusyMachine(foreign));
}

function describeMachine(): string {
  const memory = `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`;
  return `${os.cpus().length} cores, ${memory}, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function runBench(cleanups: (() => Promise<void>)[]): Promise<string> {
  const startedAt = performance.now();
  const readForeignCpu = startForeignCpuMeter();
  const fake = await startFakeUpstream();
  cleanups.push(() => fake.close());
  const database = await startBenchDatabase();
  cleanups.push(database.stop);
  // The in-process context assembly (measure-context.ts) reads the app's database through lib/db.
  process.env.DATABASE_URL = database.databaseUrl;
  const relay = await startRawRelay(fake.url);
  cleanups.push(relay.stop);
  const stack = await startTestStack({ extraEnv: benchAppEnv(fake.url, database.databaseUrl) });
  cleanups.push(stack.stop);
  const [launcherPid] = findChildrenByCommandLine(process.pid, "launcher/launch.mjs");
  if (launcherPid === undefined) throw new Error("Cannot find the app's launcher process under the bench");
  const session = await signUpAndIn(stack.baseUrl);
  await allowManyStreams(session);
  const pool = createConversationPool(session, fake);
  const context: BenchContext = {
    config: benchConfig,
    fake,
    session,
    pool,
    database,
    direct: createDirectTarget(fake.url),
    relay: createRelayTarget(relay.url, relay.pid),
    app: createAppTarget(session, pool, launcherPid),
    databaseProcessIds: () => {
      const postmaster = database.postmasterPid();
      return postmaster === undefined ? [] : listTree(postmaster);
    },
  };
  const results: { row: number; section: Section }[] = [];
  const chosen = measurements.filter(
    (measurement) => !benchConfig.only || benchConfig.only.some((name) => measurement.name.includes(name)),
  );
  for (const measurement of chosen) {
    results.push({ row: measurement.row, section: await runMeasurement(measurement, context) });
  }
  const sections = results.sort((a, b) => a.row - b.row).map((result) => result.section);
  const minutes = ((performance.now() - startedAt) / 60_000).toFixed(1);
  sections.push({
    rows: [],
    notes: [
      `Machine: ${describeMachine()}; the load generator and fake upstream share it with the servers; ` +
        `during the run ${describeForeignCpu(readForeignCpu())}. Run took ${minutes} min.`,
      `App processes: ${describeProcesses(context.app.processIds())}, the launcher (${launcherPid}) serving Next and the event streams; ` +
        "PostgreSQL 17 (embedded) with pg_stat_statements, owned by the bench (the test stack's own cluster idles).",
    ],
  });
  return formatReport("Parley vs a raw SSE relay", sections);
}

const cleanups: (() => Promise<void>)[] = [];
let exitCode = 0;
try {
  console.log(await runBench(cleanups));
} catch (error) {
  console.error("[bench] failed:", error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    await cleanup().catch((error: unknown) => console.error("[bench] cleanup failed:", error));
  }
}
// Keep-alive sockets and pools must not keep a finished bench running.
process.exit(exitCode);
