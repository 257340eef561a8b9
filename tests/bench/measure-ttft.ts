// Time to first token that Parley (auth, context, persistence) and the raw relay add over asking the upstream
// directly. Rounds interleave the three targets one turn at a time, and each added figure is the target's time
// minus the direct time of the same round, so that drift of the machine cancels out.
import type { BenchContext } from "./bench-context";
import { formatMs, judge, type Section } from "./report";
import { runStream, type StreamResult, type TurnRequest } from "./sse-client";
import { percentile } from "./stats";
import type { Target } from "./targets";
import { setReply } from "./upstream-control";

export const WARM_UP_TURNS = 5;
const GOAL_MS = 4;
const P99_GOAL_MS = 20;

function readTtft(result: StreamResult, targetName: string): number {
  const firstDelta = result.deltaTimes[0];
  if (result.outcome !== "done" || firstDelta === undefined) {
    throw new Error(`A ${targetName} turn failed: ${result.outcome} ${result.detail ?? ""}`);
  }
  return firstDelta - result.startedAt;
}

/**
 * Times to first token of `config.ttftTurns` rounds (after a warm-up) of one turn per target in turn, each target's
 * turns cycling through at most `config.ttftConversations` prepared ones; one list per target, in round order.
 */
export async function measureInterleavedTtfts({ config, fake }: BenchContext, targets: Target[]): Promise<number[][]> {
  const count = config.ttftTurns + WARM_UP_TURNS;
  const turns = await Promise.all(targets.map((target) => target.prepare(Math.min(count, config.ttftConversations))));
  // A short reply with no pacing: only the first token matters here.
  setReply(fake, 3, 0);
  const times: number[][] = targets.map(() => []);
  for (let round = 0; round < count; round++) {
    for (const [index, target] of targets.entries()) {
      const targetTurns = turns[index] ?? [];
      const ttft = readTtft(await runStream(targetTurns[round % targetTurns.length] as TurnRequest), target.name);
      if (round >= WARM_UP_TURNS) times[index]?.push(ttft);
    }
  }
  return times;
}

export async function measureTtft(context: BenchContext): Promise<Section> {
  const { config, direct, relay, app } = context;
  const times = await measureInterleavedTtfts(context, [direct, relay, app]);
  const [directTimes = [], relayTimes = [], appTimes = []] = times;
  const addedBy = (values: number[]) => values.map((value, round) => value - (directTimes[round] ?? Number.NaN));
  const relayAdded = addedBy(relayTimes);
  const appAdded = addedBy(appTimes);
  const appP50 = percentile(appAdded, 0.5);
  const appP99 = percentile(appAdded, 0.99);
  return {
    rows: [
      {
        measure: "added time to first token, p50",
        parley: formatMs(appP50),
        relay: formatMs(percentile(relayAdded, 0.5)),
        goal: `≤ ${GOAL_MS} ms`,
        verdict: judge(appP50 <= GOAL_MS),
      },
      {
        measure: "added time to first token, p99",
        parley: formatMs(appP99),
        relay: formatMs(percentile(relayAdded, 0.99)),
        goal: `≤ ${P99_GOAL_MS} ms`,
        verdict: judge(appP99 <= P99_GOAL_MS),
      },
    ],
    notes: [
      `TTFT: ${config.ttftTurns} interleaved rounds (after ${WARM_UP_TURNS} warm-up) of one turn per target, ` +
        `Parley's in ${config.ttftConversations} conversations in turn, 3-delta ` +
        `unpaced reply; direct to the fake upstream p50 ${formatMs(percentile(directTimes, 0.5))}, ` +
        `p99 ${formatMs(percentile(directTimes, 0.99))}; Parley's absolute p50 ${formatMs(percentile(appTimes, 0.5))}.`,
    ],
  };
}
