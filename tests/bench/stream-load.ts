// Many streams at once, their starts spread over a ramp, each checked for lost deltas and stalls.
import { setTimeout as sleep } from "node:timers/promises";
import { runStream, type StreamOptions, type StreamResult, type TurnRequest } from "./sse-client";
import { findLargestGap, percentile } from "./stats";

export type LoadSummary = {
  streams: number;
  deltas: number;
  /** Streams that did not end with `done` and the full expected text. */
  brokenStreams: number;
  lostDeltas: number;
  largestGapMs: number;
  /** The most streams live at one instant (between their first and last delta). */
  peakLive: number;
  ttftP99Ms: number;
  firstProblem?: string;
};

export async function runStreams(
  turns: TurnRequest[],
  rampMs: number,
  options: (index: number) => StreamOptions = () => ({}),
): Promise<StreamResult[]> {
  const spacing = turns.length > 1 ? rampMs / turns.length : 0;
  return Promise.all(
    turns.map(async (turn, index) => {
      await sleep(index * spacing);
      return runStream(turn, options(index));
    }),
  );
}

export function summarizeLoad(results: StreamResult[], expectedChunks: string[]): LoadSummary {
  const expectedText = expectedChunks.join("");
  const broken = results.filter((result) => result.outcome !== "done" || result.text !== expectedText);
  const firstBroken = broken[0];
  return {
    streams: results.length,
    deltas: results.reduce((total, result) => total + result.deltaTimes.length, 0),
    brokenStreams: broken.length,
    lostDeltas: results.reduce(
      (total, result) => total + Math.max(0, expectedChunks.length - result.deltaTimes.length),
      0,
    ),
    largestGapMs: Math.max(0, ...results.map((result) => findLargestGap(result.deltaTimes))),
    peakLive: countPeakLive(results),
    ttftP99Ms: percentile(
      results.map((result) => (result.deltaTimes[0] ?? Number.NaN) - result.startedAt).filter(Number.isFinite),
      0.99,
    ),
    firstProblem: firstBroken && `${firstBroken.outcome}${firstBroken.detail ? `: ${firstBroken.detail}` : ""}`,
  };
}

/** A server that delays turn starts until earlier streams end never holds them all at once: count what overlapped. */
function countPeakLive(results: StreamResult[]): number {
  const edges: [time: number, change: number][] = [];
  for (const { deltaTimes } of results) {
    const first = deltaTimes[0];
    const last = deltaTimes.at(-1);
    if (first === undefined || last === undefined) continue;
    edges.push([first, 1], [last, -1]);
  }
  edges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let live = 0;
  let peak = 0;
  for (const [, change] of edges) {
    live += change;
    peak = Math.max(peak, live);
  }
  return peak;
}
