// Per-delta latency: from the fake upstream writing content chunk k (timestamped in this process, see
// write-clock.ts) to the client receiving delta k, matched by position. Turns run one at a time so that every
// write in the log belongs to the stream being read, and the bench process is idle enough not to add its own delay.
import type { BenchContext } from "./bench-context";
import { formatMs, NOT_MEASURED, type Section } from "./report";
import { runStream } from "./sse-client";
import { percentile } from "./stats";
import type { Target } from "./targets";
import { setReply } from "./upstream-control";
import { startWriteClock, type WriteClock } from "./write-clock";

type DeltaLatencies = { latencies: number[]; mismatchedTurns: number };

async function collectLatencies(
  target: Target,
  turnCount: number,
  context: BenchContext,
  clock: WriteClock,
): Promise<DeltaLatencies> {
  const turns = await target.prepare(turnCount + 1);
  setReply(context.fake, context.config.deltaChunks, context.config.paceMs);
  const latencies: number[] = [];
  let mismatchedTurns = 0;
  for (const [index, turn] of turns.entries()) {
    clock.takeWrites();
    const result = await runStream(turn);
    const writes = clock.takeWrites();
    if (index === 0) continue; // warm-up
    if (result.outcome !== "done" || writes.length !== result.deltaTimes.length) mismatchedTurns += 1;
    const matched = Math.min(writes.length, result.deltaTimes.length);
    for (let k = 0; k < matched; k++) latencies.push((result.deltaTimes[k] ?? 0) - (writes[k] ?? 0));
  }
  return { latencies, mismatchedTurns };
}

export async function measureDeltaLatency(context: BenchContext): Promise<Section> {
  const { config } = context;
  const clock = startWriteClock();
  try {
    const direct = await collectLatencies(context.direct, config.deltaTurns, context, clock);
    const relay = await collectLatencies(context.relay, config.deltaTurns, context, clock);
    const app = await collectLatencies(context.app, config.deltaTurns, context, clock);
    const mismatched = direct.mismatchedTurns + relay.mismatchedTurns + app.mismatchedTurns;
    return {
      rows: [50, 99].map((rank) => ({
        measure: `per-delta latency (upstream write → client), p${rank}`,
        parley: formatMs(percentile(app.latencies, rank / 100)),
        relay: formatMs(percentile(relay.latencies, rank / 100)),
        goal: NOT_MEASURED,
        verdict: "",
      })),
      notes: [
        `Per-delta latency: ${config.deltaTurns} sequential turns per target of ${config.deltaChunks} deltas every ` +
          `${config.paceMs} ms; each delta's arrival minus the upstream's write of the same chunk (same clock, same ` +
          `process). Floor, direct to the fake: p50 ${formatMs(percentile(direct.latencies, 0.5))}, ` +
          `p99 ${formatMs(percentile(direct.latencies, 0.99))}.` +
          (mismatched > 0 ? ` ${mismatched} turn(s) had fewer deltas than writes (matched by position).` : ""),
      ],
    };
  } finally {
    clock.stop();
  }
}
