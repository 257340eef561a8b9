// What each live stream costs in resident memory: RSS of the server processes while N streams are all live, minus
// RSS at rest, over N. Includes the garbage V8 has not collected yet (its headroom under load); nothing is forced.
// Each target carries the same load once before the measured round: a cold process's first busy seconds grow V8's
// young generation by tens of MB whatever the number of streams, which is not a cost per stream (that cold round's
// figure is reported in the notes).
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchContext } from "./bench-context";
import { sampleRss } from "./process-stats";
import { formatKilobytes, judge, type Section } from "./report";
import { runStreams } from "./stream-load";
import type { Target } from "./targets";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_BYTES_PER_STREAM = 200 * 1024;
// 8 s streams: all of them must still be live after the slowest has started and the samples are taken.
const STREAM_CHUNKS = 400;
const SETTLE_MS = 2000;
const PLATEAU_SAMPLES = 20;
const RAMP_MS = 500;

/** RSS growth per stream while `count` streams are all live; throws when some ended before all had started. */
async function measureBytesPerStream(target: Target, context: BenchContext, count: number): Promise<number> {
  const turns = await target.prepare(count);
  setReply(context.fake, STREAM_CHUNKS, context.config.paceMs);
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
  const load = runStreams(turns, RAMP_MS, () => ({ onFirstDelta }));
  await Promise.race([allLive, load]);
  const active = await sampleRss(pids, PLATEAU_SAMPLES);
  const sampledAt = performance.now();
  const results = await load;
  const endedEarly = results.some((result) => (result.deltaTimes.at(-1) ?? 0) < sampledAt);
  if (live < count || endedEarly) throw new Error(`${target.name}: streams ended before all were live at once`);
  return (active - idle) / count;
}

export async function measureStreamMemory(context: BenchContext): Promise<Section> {
  const count = context.config.rssStreams;
  const relayCold = await measureBytesPerStream(context.relay, context, count);
  const relayPerStream = await measureBytesPerStream(context.relay, context, count);
  const appCold = await measureBytesPerStream(context.app, context, count);
  const appPerStream = await measureBytesPerStream(context.app, context, count);
  return {
    rows: [
      {
        measure: `RSS per concurrent stream (${count} streams)`,
        parley: formatKilobytes(appPerStream),
        relay: formatKilobytes(relayPerStream),
        goal: `≤ ${formatKilobytes(GOAL_BYTES_PER_STREAM)}`,
        verdict: judge(appPerStream <= GOAL_BYTES_PER_STREAM),
      },
    ],
    notes: [
      `RSS per stream: VmRSS of the server processes at rest (median of 5) vs while ${count} streams of ` +
        `${STREAM_CHUNKS} deltas are all live (median of ${PLATEAU_SAMPLES} over 2 s), in the second of two ` +
        `identical rounds; includes GC headroom, so it varies between runs by tens of KB. The first (cold) round: ` +
        `Parley ${formatKilobytes(appCold)}, relay ${formatKilobytes(relayCold)} per stream.`,
    ],
  };
}
