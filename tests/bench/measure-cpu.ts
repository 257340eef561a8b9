// Server CPU per streamed delta: user+system time of the server processes (/proc, all threads) across a batch of
// concurrent paced streams, divided by the deltas the clients received. Parley's figure includes each turn's setup
// (auth, transaction, context) spread over the stream's deltas, as a real turn spreads it; a batch of 2-delta turns
// splits that into a fixed cost per turn and a marginal cost per delta.
import type { BenchContext } from "./bench-context";
import { describeProcesses, readCpuMicros } from "./process-stats";
import { formatMicros, judge, type Section } from "./report";
import { runStreams, summarizeLoad } from "./stream-load";
import type { Target } from "./targets";
import { setReasoningReply, setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_RATIO = 3;
const SHORT_TURN_CHUNKS = 2;
const SHORT_TURNS_PER_STREAM = 4;

type CpuSample = { serverMicros: number; databaseMicros: number; turns: number; deltas: number; broken: number };
type CpuCost = {
  perDelta: number;
  databasePerTurn: number;
  perTurn: number;
  marginalPerDelta: number;
  oneDeltaTurn: number;
};
type ReplySetter = typeof setReply;

async function sampleCpu(
  target: Target,
  context: BenchContext,
  turnCount: number,
  chunkCount: number,
  setUpstreamReply: ReplySetter = setReply,
): Promise<CpuSample> {
  const { config, fake } = context;
  const turns = await target.prepare(turnCount);
  const chunks = setUpstreamReply(fake, chunkCount, config.paceMs);
  await waitForUpstreamIdle(fake);
  const pids = target.processIds();
  if (pids.length === 0) throw new Error(`no server process found for ${target.name}`);
  const databasePids = context.databaseProcessIds();
  const before = readCpuMicros(pids);
  const databaseBefore = readCpuMicros(databasePids);
  const summary = summarizeLoad(await runStreams(turns, config.rampMs), chunks);
  return {
    serverMicros: readCpuMicros(pids) - before,
    databaseMicros: readCpuMicros(databasePids) - databaseBefore,
    turns: turnCount,
    deltas: summary.deltas,
    broken: summary.brokenStreams,
  };
}

async function measureCost(target: Target, context: BenchContext): Promise<CpuCost & { broken: number }> {
  const { cpuStreams, cpuChunks } = context.config;
  const long = await sampleCpu(target, context, cpuStreams, cpuChunks);
  const short = await sampleCpu(target, context, cpuStreams * SHORT_TURNS_PER_STREAM, SHORT_TURN_CHUNKS);
  // Cost of a turn = fixed + deltas × marginal, solved from the two batches.
  const perTurnOf = (sample: CpuSample) => sample.serverMicros / sample.turns;
  const marginalPerDelta = (perTurnOf(long) - perTurnOf(short)) / (cpuChunks - SHORT_TURN_CHUNKS);
  return {
    perDelta: long.serverMicros / long.deltas,
    databasePerTurn: (long.databaseMicros + short.databaseMicros) / (long.turns + short.turns),
    perTurn: perTurnOf(short) - SHORT_TURN_CHUNKS * marginalPerDelta,
    marginalPerDelta,
    oneDeltaTurn: perTurnOf(short) - (SHORT_TURN_CHUNKS - 1) * marginalPerDelta,
    broken: long.broken + short.broken,
  };
}

export async function measureCpu(context: BenchContext): Promise<Section> {
  const relay = await measureCost(context.relay, context);
  const app = await measureCost(context.app, context);
  const ratio = app.perDelta / relay.perDelta;
  const turnRatio = app.oneDeltaTurn / relay.oneDeltaTurn;
  const broken = relay.broken + app.broken;
  const { cpuStreams, cpuChunks, paceMs } = context.config;
  const milliseconds = (micros: number) => `${(micros / 1000).toFixed(2)} ms`;
  return {
    rows: [
      {
        measure: `server CPU per streamed delta (${cpuChunks}-delta turns)`,
        parley: `${formatMicros(app.perDelta)} (${ratio.toFixed(1)}× relay)`,
        relay: formatMicros(relay.perDelta),
        goal: `≤ ${GOAL_RATIO}× relay`,
        verdict: judge(ratio <= GOAL_RATIO),
      },
      {
        measure: "server CPU per 1-delta turn (a whole turn: session, checks, writes, window, stream)",
        parley: `${milliseconds(app.oneDeltaTurn)} (${turnRatio.toFixed(1)}× relay)`,
        relay: milliseconds(relay.oneDeltaTurn),
        goal: `≤ ${GOAL_RATIO}× relay`,
        verdict: judge(turnRatio <= GOAL_RATIO),
      },
    ],
    notes: [
      `CPU: ${cpuStreams} concurrent streams × ${cpuChunks} deltas every ${paceMs} ms per target; /proc utime+stime ` +
        `(10 ms ticks) of ${describeProcesses(context.app.processIds())} vs the relay ` +
        `[${context.relay.processIds().join(", ")}]. PostgreSQL adds ${milliseconds(app.databasePerTurn)} per Parley ` +
        `turn, not counted above. Split with ${cpuStreams * SHORT_TURNS_PER_STREAM} ${SHORT_TURN_CHUNKS}-delta turns: ` +
        `fixed per turn Parley ${milliseconds(app.perTurn)} vs relay ${milliseconds(relay.perTurn)}; marginal per delta ` +
        `Parley ${formatMicros(app.marginalPerDelta)} vs relay ${formatMicros(relay.marginalPerDelta)}; a 1-delta turn ` +
        `is the ${SHORT_TURN_CHUNKS}-delta turn less one marginal delta.` +
        (broken > 0 ? ` ${broken} stream(s) did not complete cleanly.` : ""),
    ],
  };
}

/**
 * The same long turns from a reasoning model, half of whose deltas are thinking: Parley reads each from its own field
 * (or out of <think> tags) and sends it as its own event; the relay passes the chunks on as they come.
 */
export async function measureReasoningCpu(context: BenchContext): Promise<Section> {
  const { cpuStreams, cpuChunks } = context.config;
  const perDelta = async (target: Target) => {
    const sample = await sampleCpu(target, context, cpuStreams, cpuChunks, setReasoningReply);
    return { perDelta: sample.serverMicros / sample.deltas, broken: sample.broken };
  };
  const relay = await perDelta(context.relay);
  const app = await perDelta(context.app);
  const ratio = app.perDelta / relay.perDelta;
  const broken = relay.broken + app.broken;
  return {
    rows: [
      {
        measure: `server CPU per streamed delta, half of them reasoning (${cpuChunks}-delta turns)`,
        parley: `${formatMicros(app.perDelta)} (${ratio.toFixed(1)}× relay)`,
        relay: formatMicros(relay.perDelta),
        goal: `≤ ${GOAL_RATIO}× relay`,
        verdict: judge(ratio <= GOAL_RATIO),
      },
    ],
    notes: broken > 0 ? [`Reasoning CPU: ${broken} stream(s) did not complete cleanly.`] : [],
  };
}
