// Whether Parley gives memory back after an abort storm: rounds of concurrent streams in which 30% of the clients
// leave halfway (Parley keeps generating those replies to the end, by design). RSS is read after a few ordinary
// turns and a quiet spell; nothing forces a GC. The same rounds with nobody leaving run first, so that "before" is
// a server that has already carried this load (a cold heap grows on its first busy minute whoever leaves); the
// note reports that warm-up growth apart.
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchContext } from "./bench-context";
import { sampleRss } from "./process-stats";
import { formatPercent, judge, NOT_MEASURED, type Section } from "./report";
import { runStream } from "./sse-client";
import { runStreams } from "./stream-load";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_GROWTH = 0.1;
const STORM_CHUNKS = 50;
const LEAVING_SHARE = 0.3;
const QUIET_TURNS = 5;
const RAMP_MS = 200;

async function sampleSettledRss(context: BenchContext): Promise<number> {
  const turns = await context.app.prepare(QUIET_TURNS);
  setReply(context.fake, 3, 0);
  await waitForUpstreamIdle(context.fake);
  for (const turn of turns) await runStream(turn);
  await sleep(context.config.settleMs);
  return sampleRss(context.app.processIds(), 10);
}

/** Returns how many clients left. */
async function runRounds(context: BenchContext, leavingShare: number): Promise<number> {
  const { config, fake } = context;
  let left = 0;
  for (let round = 0; round < config.stormRounds; round++) {
    const turns = await context.app.prepare(config.stormStreams);
    setReply(fake, STORM_CHUNKS, config.paceMs);
    const isLeaving = (index: number) => index % 10 < leavingShare * 10;
    const results = await runStreams(turns, RAMP_MS, (index) => ({
      leaveAfterDeltas: isLeaving(index) ? STORM_CHUNKS / 2 : undefined,
    }));
    left += results.filter((result) => result.outcome === "left").length;
    // The replies whose readers left are still being generated: let them end before the next round.
    await waitForUpstreamIdle(fake);
  }
  return left;
}

export async function measureAbortStorm(context: BenchContext): Promise<Section> {
  const { stormRounds, stormStreams, settleMs } = context.config;
  const cold = await sampleSettledRss(context);
  await runRounds(context, 0);
  const before = await sampleSettledRss(context);
  const left = await runRounds(context, LEAVING_SHARE);
  const after = await sampleSettledRss(context);
  const growth = (after - before) / before;
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return {
    rows: [
      {
        measure: `RSS after an abort storm vs before (${stormRounds} rounds)`,
        parley: `${formatPercent(growth)} (${megabytes(before)} → ${megabytes(after)})`,
        relay: NOT_MEASURED,
        goal: `within ${GOAL_GROWTH * 100}%`,
        verdict: judge(growth <= GOAL_GROWTH),
      },
    ],
    notes: [
      `Abort storm: ${stormRounds} rounds of ${stormStreams} streams of ${STORM_CHUNKS} deltas; ${left} clients left ` +
        `after ${STORM_CHUNKS / 2}. RSS read after ${QUIET_TURNS} short turns and ${settleMs} ms quiet. Warm-up, the ` +
        `same rounds with nobody leaving, run first: ${megabytes(cold)} → ${megabytes(before)} ` +
        `(${formatPercent((before - cold) / cold)}).`,
    ],
  };
}
