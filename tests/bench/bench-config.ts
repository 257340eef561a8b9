// Sizes of `npm run bench`. Each is overridable by environment so that a quick look or a slower machine can scale
// the run down; the defaults keep a whole run under about five minutes on two cores.
function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function readList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const values = raw.split(",").map(Number);
  if (values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`${name} must be a comma-separated list of positive integers, got "${raw}"`);
  }
  return values.sort((a, b) => a - b);
}

export const benchConfig = {
  /**
   * Sequential turns per target for time to first token. A nearest-rank p99 of 60 turns was their slowest one (one
   * garbage collection's pause decided the row); of 200, it is the third slowest.
   */
  ttftTurns: readNumber("BENCH_TURNS", 200),
  /**
   * The conversations those turns cycle through. One per turn (205, each made and primed through the app) left
   * garbage and heap in the server that the rows after it then measured: fixed CPU per turn 3.5 → 4.5 ms, RSS per
   * stream 21 → 63 KB.
   */
  ttftConversations: readNumber("BENCH_TTFT_CONVERSATIONS", 65),
  /** Sequential turns per target for per-delta latency, each `deltaChunks` long. */
  deltaTurns: readNumber("BENCH_DELTA_TURNS", 6),
  deltaChunks: readNumber("BENCH_DELTA_CHUNKS", 50),
  /**
   * Turns without uploads and as many with, in alternation, for the upload stall: 12 of each give 600 deltas a side,
   * whose nearest-rank p99 is the sixth slowest (of 300, it was the third).
   */
  uploadStallPairs: readNumber("BENCH_UPLOAD_STALL_PAIRS", 12),
  /** 20 ms between deltas is 50 tokens a second, a fast model. */
  paceMs: readNumber("BENCH_PACE_MS", 20),
  cpuStreams: readNumber("BENCH_CPU_STREAMS", 40),
  cpuChunks: readNumber("BENCH_CPU_CHUNKS", 250),
  levels: readList("BENCH_LEVELS", [25, 50, 100, 150, 200, 300, 400]),
  /** Streams long enough (5 s) that a level's streams overlap even when their starts are slow. */
  levelChunks: readNumber("BENCH_LEVEL_CHUNKS", 250),
  /** Arrivals spread over this window instead of one thundering herd. */
  rampMs: readNumber("BENCH_RAMP_MS", 2000),
  rssStreams: readNumber("BENCH_RSS_STREAMS", 100),
  stormRounds: readNumber("BENCH_STORM_ROUNDS", 10),
  stormStreams: readNumber("BENCH_STORM_STREAMS", 50),
  /** Quiet time before reading RSS around the abort storm: V8's memory reducer acts about 8 s after load stops. */
  settleMs: readNumber("BENCH_SETTLE_MS", 10_000),
  dbTurns: readNumber("BENCH_DB_TURNS", 5),
  longThread: readNumber("BENCH_LONG_THREAD", 5000),
  contextRuns: readNumber("BENCH_CONTEXT_RUNS", 20),
  /** Comma-separated parts of measurement names to run (e.g. `history`); unset: all of them. */
  only: process.env.BENCH_ONLY?.trim() ? process.env.BENCH_ONLY.split(",").map((name) => name.trim()) : undefined,
} as const;

export type BenchConfig = typeof benchConfig;
