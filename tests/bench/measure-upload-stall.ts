// What a 10 MB upload costs everyone else (issue 15): the per-delta latency of a stream (upstream write → client, as
// in measure-delta-latency.ts) while uploads run back to back, against the same turns with no upload; and how much
// the server's resident memory grows while several uploads run at once, against the per-file limit each may hold.
// The files alternate between an image and a text document (the document's path also decodes and stores its
// text); each differs from the last (de-duplication would otherwise skip storing the bytes) and is deleted after.
import { randomBytes } from "node:crypto";
import { makePng } from "../support/attachment-files";
import type { Session } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { formatLoopDelay, measureLoopDelay } from "./loop-delay";
import { readRssBytes, sampleRss } from "./process-stats";
import { formatKilobytes, formatMs, judge, type Section } from "./report";
import { runStream } from "./sse-client";
import { percentile } from "./stats";
import { setReply, waitForUpstreamIdle } from "./upstream-control";
import { startWriteClock, type WriteClock } from "./write-clock";

const FILE_BYTES = 10 * 1024 * 1024;
// The admin's default per-file limit (lib/limits.ts): what one upload may hold in memory at most.
const FILE_LIMIT_BYTES = 20 * 1024 * 1024;
const CONCURRENT_UPLOADS = 4;
const STALL_FACTOR = 2;

// The files are made before anything is measured: making 10 MB in this process (which also runs the fake upstream
// and reads the streams) would hold its own event loop and show as the server's stall. Each upload then only writes
// a new 16-byte marker into one of a few buffers (distinct for uploads that run at once).
const POOL_SIZE = CONCURRENT_UPLOADS;
let pool: { images: Buffer[]; texts: Buffer[] } | null = null;

function makePool() {
  const png = makePng(64, 64);
  const images = Array.from({ length: POOL_SIZE }, () => Buffer.concat([png, randomBytes(FILE_BYTES - png.length)]));
  const texts = Array.from({ length: POOL_SIZE }, () =>
    Buffer.alloc(FILE_BYTES, "lorem ipsum dolor sit amet, consectetur adipiscing elit\n"),
  );
  return { images, texts };
}

function makeFile(index: number): { name: string; body: Uint8Array<ArrayBuffer> } {
  pool ??= makePool();
  const marker = randomBytes(8).toString("hex");
  const slot = Math.floor(Math.abs(index) / 2) % POOL_SIZE;
  if (index % 2 === 0) {
    const image = pool.images[slot] ?? Buffer.alloc(0);
    image.write(marker, image.length - 16);
    return {
      name: `photo-${index}.png`,
      body: new Uint8Array(image.buffer as ArrayBuffer, image.byteOffset, image.length),
    };
  }
  const text = pool.texts[slot] ?? Buffer.alloc(0);
  text.write(marker);
  return { name: `notes-${index}.txt`, body: new Uint8Array(text.buffer as ArrayBuffer, text.byteOffset, text.length) };
}

async function uploadAndDelete(session: Session, index: number): Promise<void> {
  const file = makeFile(index);
  const response = await fetch(`${session.baseUrl}/api/attachments?name=${file.name}`, {
    method: "POST",
    headers: { cookie: session.cookie },
    body: file.body,
  });
  if (response.status !== 201) throw new Error(`The upload answered HTTP ${response.status}: ${await response.text()}`);
  const { id } = (await response.json()) as { id: string };
  await fetch(`${session.baseUrl}/api/attachments/${id}`, { method: "DELETE", headers: { cookie: session.cookie } });
}

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

/** The latencies of `turnCount` turns while uploads run one after another, and how many uploads ran. */
async function latenciesDuringUploads(context: BenchContext, clock: WriteClock, turnCount: number) {
  let isStreaming = true;
  let uploads = 0;
  const uploading = (async () => {
    while (isStreaming) await uploadAndDelete(context.session, uploads++);
  })();
  try {
    return { latencies: await deltaLatencies(context, clock, turnCount), uploads };
  } finally {
    isStreaming = false;
    await uploading;
  }
}

/** Peak RSS of the app's processes while `count` uploads run at once, minus RSS before. */
async function memoryGrowth(context: BenchContext, count: number): Promise<number> {
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
  await Promise.all(Array.from({ length: count }, (_, index) => uploadAndDelete(context.session, 1000 + index)));
  isUploading = false;
  await sampler;
  return peak - before;
}

export async function measureUploadStall(context: BenchContext): Promise<Section> {
  const turnCount = context.config.deltaTurns;
  const clock = startWriteClock();
  try {
    // Warm-up: the first upload loads the upload route and its libraries; the first turn warms the stream path.
    pool = makePool();
    await uploadAndDelete(context.session, -1);
    await deltaLatencies(context, clock, 1);
    const { result: quiet, delay: quietDelay } = await measureLoopDelay(() =>
      deltaLatencies(context, clock, turnCount),
    );
    const { result: loaded, delay: loadedDelay } = await measureLoopDelay(() =>
      latenciesDuringUploads(context, clock, turnCount),
    );
    await waitForUpstreamIdle(context.fake);
    const growth = await memoryGrowth(context, CONCURRENT_UPLOADS);
    const quietP99 = percentile(quiet, 0.99);
    const loadedP99 = percentile(loaded.latencies, 0.99);
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
        `Upload stall: ${turnCount} sequential turns of ${context.config.deltaChunks} deltas every ` +
          `${context.config.paceMs} ms, first alone (p50 ${formatMs(percentile(quiet, 0.5))}), then while ` +
          `${loaded.uploads} uploads of 10 MB (a PNG and a text file in turn, each deleted after) ran one after ` +
          `another (p50 ${formatMs(percentile(loaded.latencies, 0.5))}). Memory: the peak of the app processes' ` +
          `RSS (read every 10 ms) during ${CONCURRENT_UPLOADS} uploads at once, minus RSS before; garbage V8 has ` +
          "not yet collected counts. The bench's own event loop (the fake upstream's writes and the client's " +
          `receipts are timestamped on it) ran late by ${formatLoopDelay(quietDelay)} alone, ` +
          `${formatLoopDelay(loadedDelay)} during the uploads.`,
      ],
    };
  } finally {
    clock.stop();
  }
}
