// How many concurrent streams a server sustains at the upstream's pace: a level passes when every stream ends with
// `done` and its full text, no stream waits more than 10× the pace between two deltas, and all of them were live at
// the same instant (a server that holds turns back until others end does not sustain them). Levels ramp up and stop
// at the first failure; arrivals within a level are spread over BENCH_RAMP_MS. Sustaining streams is not enough
// when their first tokens come late: the row passes only if, at the highest level the relay passed, Parley's time
// to first token p99 is at most 5× the relay's at that same load (its own row shows both).
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { BenchContext } from "./bench-context";
import { formatMs, judge, type Section } from "./report";
import { type LoadSummary, runStreams, summarizeLoad } from "./stream-load";
import type { Target } from "./targets";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GAP_LIMIT_PACES = 10;
const GOAL_SHARE_OF_RELAY = 0.5;
const TTFT_GOAL_RELAY_MULTIPLE = 5;
// Stall allowance beyond the stream's own length before a stream counts as hung.
const STREAM_SLACK_MS = 30_000;

type LevelResult = LoadSummary & { level: number; isPass: boolean; benchLagP99Ms: number };

async function runLevel(target: Target, level: number, context: BenchContext): Promise<LevelResult> {
  const { config, fake } = context;
  const turns = await target.prepare(level);
  const chunks = setReply(fake, config.levelChunks, config.paceMs);
  await waitForUpstreamIdle(fake);
  const timeoutMs = config.levelChunks * config.paceMs + STREAM_SLACK_MS;
  // The load generator's own event-loop delay tells whether a failure is the server's or the bench's.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const results = await runStreams(turns, config.rampMs, () => ({ timeoutMs }));
  lag.disable();
  const summary = summarizeLoad(results, chunks);
  const isPass =
    summary.brokenStreams === 0 &&
    summary.largestGapMs <= GAP_LIMIT_PACES * config.paceMs &&
    summary.peakLive === level;
  return { ...summary, level, isPass, benchLagP99Ms: lag.percentile(99) / 1e6 };
}

async function rampUp(target: Target, levels: readonly number[], context: BenchContext): Promise<LevelResult[]> {
  const results: LevelResult[] = [];
  for (const level of levels) {
    const result = await runLevel(target, level, context);
    results.push(result);
    if (!result.isPass) break;
  }
  await waitForUpstreamIdle(context.fake);
  return results;
}

function describeLevel(result: LevelResult): string {
  const verdict = result.isPass ? "ok" : "FAIL";
  const problems = result.brokenStreams > 0 ? `, ${result.brokenStreams} broken (${result.firstProblem})` : "";
  return (
    `${result.level} ${verdict} (peak live ${result.peakLive}, largest gap ${formatMs(result.largestGapMs)}, ` +
    `${result.lostDeltas} lost${problems}, ` +
    `TTFT p99 ${formatMs(result.ttftP99Ms)}, bench lag p99 ${formatMs(result.benchLagP99Ms)})`
  );
}

function findHighestPass(results: LevelResult[]): number {
  return results.filter((result) => result.isPass).at(-1)?.level ?? 0;
}

function formatHighest(results: LevelResult[], levels: readonly number[]): string {
  const highest = findHighestPass(results);
  if (highest === 0) return `< ${levels[0]}`;
  return highest === levels.at(-1) ? `≥ ${highest}` : String(highest);
}

/** Time to first token p99 of both at the highest level the relay passed, and whether Parley's is within the goal. */
function compareTtft(app: LevelResult[], relay: LevelResult[]) {
  const relayLevel = relay.filter((result) => result.isPass).at(-1);
  const appLevel = app.find((result) => result.level === relayLevel?.level);
  const level = relayLevel?.level ?? 0;
  const relayP99 = relayLevel?.ttftP99Ms ?? Number.NaN;
  const appP99 = appLevel?.ttftP99Ms ?? Number.NaN;
  // Parley never ran that level (it failed a lower one): its first tokens at that load are not within the goal.
  const isWithin = relayLevel === undefined ? undefined : appP99 <= TTFT_GOAL_RELAY_MULTIPLE * relayP99;
  return { level, relayP99, appP99, isWithin };
}

function formatRatio(value: number, reference: number): string {
  return Number.isFinite(value) && reference > 0 ? ` (${(value / reference).toFixed(1)}× relay)` : "";
}

export async function measureConcurrency(context: BenchContext): Promise<Section> {
  const { levels, levelChunks, paceMs } = context.config;
  const relay = await rampUp(context.relay, levels, context);
  const app = await rampUp(context.app, levels, context);
  const top = levels.at(-1) ?? 0;
  const harness = await runLevel(context.direct, top, context);
  const relayHighest = findHighestPass(relay);
  const ttft = compareTtft(app, relay);
  const sustains = relayHighest > 0 ? findHighestPass(app) >= GOAL_SHARE_OF_RELAY * relayHighest : undefined;
  return {
    rows: [
      {
        measure:
          `concurrent streams at ${Math.round(1000 / paceMs)} tokens/s ` +
          `(all live at once, no gap > ${GAP_LIMIT_PACES * paceMs} ms, none lost; first tokens in time, next row)`,
        parley: formatHighest(app, levels),
        relay: formatHighest(relay, levels),
        goal: `≥ ${GOAL_SHARE_OF_RELAY}× relay, and the next row`,
        verdict: judge(sustains === undefined || ttft.isWithin === undefined ? undefined : sustains && ttft.isWithin),
      },
      {
        measure: `time to first token p99 at ${ttft.level} concurrent streams (the highest level the relay passed)`,
        parley: `${formatMs(ttft.appP99)}${formatRatio(ttft.appP99, ttft.relayP99)}`,
        relay: formatMs(ttft.relayP99),
        goal: `≤ ${TTFT_GOAL_RELAY_MULTIPLE}× relay`,
        verdict: judge(ttft.isWithin),
      },
    ],
    notes: [
      `Streams: ${levelChunks} deltas every ${paceMs} ms each, arrivals spread over ${context.config.rampMs} ms. ` +
        `Parley: ${app.map(describeLevel).join("; ")}.`,
      `Streams, raw relay: ${relay.map(describeLevel).join("; ")}.` +
        (relayHighest === top ? " The relay passed the top level: its real limit is higher than shown." : ""),
      `Streams, direct to the fake (the load generator's own ceiling): ${describeLevel(harness)}.`,
    ],
  };
}
