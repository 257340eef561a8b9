// What a 10 MB upload costs everyone else (issue 15): the per-delta latency of a stream (upstream write → client, as
// in measure-delta-latency.ts) while uploads run back to back, against turns with no upload; and how much the
// server's resident memory grows while several uploads run at once, against the per-file limit each may hold.
// Turns with and without uploads alternate: measured one block after the other, the first block also measured how
// warm the process was (run alone, this row's quiet turns came first and had a p99 of 4-9 ms, against 1.5-3 ms
// when earlier rows had warmed the process), so the ratio said more about the order than about the uploads.
// The files alternate between an image and a text document (the document's path also decodes and stores its
// text); each differs from the last (de-duplication would otherwise skip storing the bytes) and is deleted after.
import { setTimeout as sleep } from "node:timers/promises";
import type { BenchContext } from "./bench-context";
import { createLoopDelayMeter, formatLoopDelay } from "./loop-delay";
import { readRssBytes, sampleRss } from "./process-stats";
import { formatKilobytes, formatMs, judge, type Section } from "./report";
import { runStream } from "./sse-client";
import { percentile } from "./stats";
import { startUploadLoad, type UploadLoad } from "./upload-load";
import { setReply, waitForUpstreamIdle } from "./upstream-control";
import { startWriteClock, type WriteClock } from "./write-clock";

// The admin's default per-file limit (lib/limits.ts): what one upload may hold in memory at most.
const FILE_LIMIT_BYTES = 20 * 1024 * 1024;
const CONCURRENT_UPLOADS = 4;
const STALL_FACTOR = 2;
// After a loaded turn: the last upload's deletion and collections are done before the next quiet turn.
const SETTLE_MS = 250;

async function deltaLatencies(context: BenchContext, clock: WriteClock, turnCount: number): Promise<number[]> {
  const turns = await context.app.prepare(turnCount);
  setReply(context.fake, context.config.deltaChunks, context.config.paceMs);
  const latencies: number[] = [];
  for (const turn of turns) {
    clock.takeWrites();
    const result = await runStream(turn);
    const writes = clock.takeWrites();
    const matched = Math.min(writes.length, result.deltaTimes.length);
    for (let k = 0; k < matched; k++) latencies.push((result.deltaTimes[k] ?? 0) - (writes[k] ?? 0));
  }
  return latencies;
}

/**
 * `pairs` turns without uploads and as many while uploads run one after another, in alternation; after each loaded
 * turn the last upload ends and the server settles before the next quiet turn.
 */
async function alternatingLatencies(context: BenchContext, load: UploadLoad, clock: WriteClock, pairs: number) {
  const quiet: number[] = [];
  const loaded: number[] = [];
  const quietDelay = createLoopDelayMeter();
  const loadedDelay = createLoopDelayMeter();
  let uploads = 0;
  for (let pair = 0; pair < pairs; pair++) {
    quiet.push(...(await quietDelay.during(() => deltaLatencies(context, clock, 1))));
    const loop = load.startLoop();
    let latencies: number[];
    try {
      latencies = await loadedDelay.during(() => deltaLatencies(context, clock, 1));
    } catch (error) {
      await loop.stop().catch(() => {});
      throw error;
    }
    uploads += await loop.stop();
    loaded.push(...latencies);
    await sleep(SETTLE_MS);
  }
  return { quiet, loaded, uploads, quietDelay: quietDelay.read(), loadedDelay: loadedDelay.read() };
}

/** Peak RSS of the app's processes while `count` uploads run at once, minus RSS before. */
async function memoryGrowth(context: BenchContext, load: UploadLoad, count: number): Promise<number> {
  const pids = context.app.processIds();
  const before = await sampleRss(pids);
  let peak = before;
  let isUploading = true;
  const sampler = (async () => {
    while (isUploading) {
      peak = Math.max(peak, readRssBytes(pids));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  try {
    await load.upload(count, 1000);
  } finally {
    isUploading = false;
    await sampler;
  }
  return peak - before;
}

export async function measureUploadStall(context: BenchContext): Promise<Section> {
  const pairs = context.config.uploadStallPairs;
  // The uploads run on a worker thread: this thread only timestamps (upload-worker.ts says why).
  const load = await startUploadLoad(context.session);
  const clock = startWriteClock();
  try {
    // Warm-up: the first upload loads the upload route and its libraries; the first turn warms the stream path.
    await load.upload(1, -1);
    await deltaLatencies(context, clock, 1);
    const { quiet, loaded, uploads, quietDelay, loadedDelay } = await alternatingLatencies(context, load, clock, pairs);
    await waitForUpstreamIdle(context.fake);
    const growth = await memoryGrowth(context, load, CONCURRENT_UPLOADS);
    const quietP99 = percentile(quiet, 0.99);
    const loadedP99 = percentile(loaded, 0.99);
    const memoryGoal = CONCURRENT_UPLOADS * FILE_LIMIT_BYTES;
    return {
      rows: [
        {
          measure: "per-delta latency p99 while 10 MB uploads run",
          parley: formatMs(loadedP99),
          relay: "—",
          goal: `≤ ${STALL_FACTOR}× without (${formatMs(quietP99)})`,
          verdict: judge(loadedP99 <= STALL_FACTOR * quietP99),
        },
        {
          measure: `RSS growth, ${CONCURRENT_UPLOADS} concurrent 10 MB uploads`,
          parley: formatKilobytes(growth),
          relay: "—",
          goal: `≤ ${formatKilobytes(memoryGoal)} (the 20 MB file limit each)`,
          verdict: judge(growth <= memoryGoal),
        },
      ],
      notes: [
        `Upload stall: ${pairs} turns of ${context.config.deltaChunks} deltas every ${context.config.paceMs} ms ` +
          `with no upload (p50 ${formatMs(percentile(quiet, 0.5))}) in alternation with ${pairs} while ${uploads} ` +
          `uploads of 10 MB in all (a PNG and a text file in turn, each deleted after) ran one after another (p50 ` +
          `${formatMs(percentile(loaded, 0.5))}), sent from a worker thread of the bench so that making and sending ` +
          "them does not delay the thread that timestamps the deltas (the server and the machine's cores carry them " +
          `as before). That thread ran late by ${formatLoopDelay(quietDelay)} in the quiet turns, ` +
          `${formatLoopDelay(loadedDelay)} during the uploads. Memory: the peak of the app processes' RSS (read ` +
          `every 10 ms) during ${CONCURRENT_UPLOADS} uploads at once, minus ` +
          "RSS before; garbage V8 has not yet collected counts.",
      ],
    };
  } finally {
    clock.stop();
    await load.close();
  }
}
