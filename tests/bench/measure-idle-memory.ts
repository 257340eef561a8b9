// What an idle Parley process holds: resident memory of the app's processes after its start (the bench user's
// sign-up and sign-in) and one chat turn, before any load. Runs first, so that no earlier measurement's heap growth
// is counted. The database (its own processes) is reported apart, as proportional memory: PostgreSQL's processes
// all map the same shared buffers, which a sum of their RSS would count once per backend.
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchContext } from "./bench-context";
import { readAnonymousBytes, readPssBytes, sampleRss } from "./process-stats";
import { formatMebibytes, judge, type Section } from "./report";
import { runStream } from "./sse-client";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_BYTES = 160 * 1024 ** 2;
const SAMPLES = 10;

export async function measureIdleMemory(context: BenchContext): Promise<Section> {
  const { app, relay, fake } = context;
  const [turn] = await app.prepare(1);
  if (!turn) throw new Error("No conversation to chat in");
  setReply(fake, 3, 0);
  const result = await runStream(turn);
  if (result.outcome !== "done") throw new Error(`The chat turn failed: ${result.outcome} ${result.detail ?? ""}`);
  await waitForUpstreamIdle(fake);
  // Idle: after the reply's save and title, and V8's memory reducer, which acts some seconds after activity stops
  // (the quiet time the abort storm's readings use too).
  await sleep(context.config.settleMs);
  const appPids = app.processIds();
  const appRss = await sampleRss(appPids, SAMPLES);
  const relayRss = await sampleRss(relay.processIds(), SAMPLES);
  const databasePids = context.databaseProcessIds();
  return {
    rows: [
      {
        measure: "idle process memory (RSS after start and one chat), the database apart",
        parley: formatMebibytes(appRss),
        relay: formatMebibytes(relayRss),
        goal: `≤ ${formatMebibytes(GOAL_BYTES)}`,
        verdict: judge(appRss <= GOAL_BYTES),
      },
    ],
    notes: [
      `Idle memory: VmRSS of the app's ${appPids.length} process(es) (median of ${SAMPLES} readings, ${context.config.settleMs / 1000} s ` +
        `after one 3-delta chat turn; nothing forced), of which ${formatMebibytes(readAnonymousBytes(appPids))} ` +
        `anonymous (heaps, stacks) and the rest mapped files (code, libraries). The database apart: PostgreSQL's ` +
        `${databasePids.length} processes hold ${formatMebibytes(readPssBytes(databasePids))} (proportional set ` +
        "size, shared buffers counted once); with the embedded database (DATABASE_URL unset) they run as the " +
        "launcher's children and are not Parley's heap. The relay's figure includes tsx, which runs its TypeScript.",
    ],
  };
}
