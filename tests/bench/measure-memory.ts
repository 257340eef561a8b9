// Resident memory: what each live stream costs (RSS while N streams are live minus RSS at rest, over N), and whether
// Parley gives memory back after an abort storm (30% of clients leaving mid-stream, round after round). Nothing is
// forced: RSS is read after a settle and a few ordinary turns, as a quiet server would be.
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchContext } from "./bench-context";
import { readRssBytes } from "./process-stats";
import { formatKilobytes, formatPercent, judge, NOT_MEASURED, type Section } from "./report";
import { runStream } from "./sse-client";
import { median } from "./stats";
import { runStreams } from "./stream-load";
import type { Target } from "./targets";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_BYTES_PER_STREAM = 200 * 1024;
const GOAL_STORM_GROWTH = 0.1;
const RSS_STREAM_CHUNKS = 200;
const STORM_CHUNKS = 50;
const LEAVING_SHARE = 0;
const SETTLE_MS = 2000;
const QUIET_TURNS = 5;

async function sampleRss(pids: number[], samples = 5, intervalMs = 100): Promise<number> {
  const values: number[] = [];
  for (let index = 0; index < samples; index++) {
    values.push(readRssBytes(pids));
    await sleep(intervalMs);
  }
  return median(values);
}

/** RSS growth per stream while `count` streams are all live; throws when some ended before all had started. */
async function measureBytesPerStream(target: Target, context: BenchContext, count: number): Promise<number> {
  const turns = await target.prepare(count);
  setReply(context.fake, RSS_STREAM_CHUNKS, context.config.paceMs);
  await waitForUpstreamIdle(context.fake);
  await sleep(SETTLE_MS);
  const pids = target.processIds();
  const idle = await sampleRss(pids);
  let live = 0;
  let markAllLive = () => {};
  const allLive = new Promise<void>((resolve) => {
    markAllLive = resolve;
  });
  const onFirstDelta = () => {
    live += 1;
    if (live === count) markAllLive();
  };
  const load = runStreams(turns, 500, () => ({ onFirstDelta }));
  await Promise.race([allLive, load]);
  const active = await sampleRss(pids);
  const sampledAt = performance.now();
  const results = await load;
  const endedEarly = results.some((result) => (result.deltaTimes.at(-1) ?? 0) < sampledAt);
  if (live < count || endedEarly) throw new Error("streams ended before all of them were live at once");
  return (active - idle) / count;
}

/** A few ordinary turns so that the heap sees some allocation, then quiet, then RSS. Nothing forces a GC. */
async function sampleSettledRss(context: BenchContext): Promise<number> {
  const turns = await context.app.prepare(QUIET_TURNS);
  setReply(context.fake, 3, 0);
  await waitForUpstreamIdle(context.fake);
  for (const turn of turns) await runStream(turn);
  await sleep(context.config.settleMs);
  return sampleRss(context.app.processIds(), 10);
}

async function runAbortStorm(context: BenchContext): Promise<{ before: number; after: number; left: number }> {
  const { config, fake } = context;
  const before = await sampleSettledRss(context);
  let left = 0;
  for (let round = 0; round < config.stormRounds; round++) {
    const turns = await context.app.prepare(config.stormStreams);
    setReply(fake, STORM_CHUNKS, config.paceMs);
    const isLeaving = (index: number) => index % 10 < LEAVING_SHARE * 10;
    const results = await runStreams(turns, 200, (index) => ({
      leaveAfterDeltas: isLeaving(index) ? STORM_CHUNKS / 2 : undefined,
    }));
    left += results.filter((result) => result.outcome === "left").length;
    // Parley finishes a reply whose reader left: wait for those to end before the next round.
    await waitForUpstreamIdle(fake);
  }
  return { before, after: await sampleSettledRss(context), left };
}

export async function measureMemory(context: BenchContext): Promise<Section> {
  const count = context.config.rssStreams;
  const relayPerStream = await measureBytesPerStream(context.relay, context, count);
  const appPerStream = await measureBytesPerStream(context.app, context, count);
  const storm = await runAbortStorm(context);
  const growth = (storm.after - storm.before) / storm.before;
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return {
    rows: [
      {
        measure: `RSS per concurrent stream (${count} streams)`,
        parley: formatKilobytes(appPerStream),
        relay: formatKilobytes(relayPerStream),
        goal: `≤ ${formatKilobytes(GOAL_BYTES_PER_STREAM)}`,
        verdict: judge(appPerStream <= GOAL_BYTES_PER_STREAM),
      },
      {
        measure: `RSS after abort storm vs before (${context.config.stormRounds} rounds)`,
        parley: `${formatPercent(growth)} (${megabytes(storm.before)} → ${megabytes(storm.after)})`,
        relay: NOT_MEASURED,
        goal: `within ${GOAL_STORM_GROWTH * 100}%`,
        verdict: judge(growth <= GOAL_STORM_GROWTH),
      },
    ],
    notes: [
      `RSS: VmRSS of the server processes at rest vs while ${count} streams of ${RSS_STREAM_CHUNKS} deltas are all ` +
        `live (medians of 5 samples). Abort storm: ${context.config.stormRounds} rounds of ` +
        `${context.config.stormStreams} streams, ${storm.left} clients left after ${STORM_CHUNKS / 2} of ` +
        `${STORM_CHUNKS} deltas; RSS before and after each read after ${QUIET_TURNS} short turns and ` +
        `${context.config.settleMs} ms quiet. RSS includes the garbage V8 has not yet collected; no GC is forced.`,
    ],
  };
}
