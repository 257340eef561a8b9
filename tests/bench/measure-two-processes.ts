// Two Parley processes on one database, as two replicas behind a load balancer (a second server started here, on the
// bench's database, with the same session secret):
// - streams sustained: levels on the first process alone until one fails, then twice the highest passing level sent
//   round-robin to both; a level passes when every stream ends complete, none waits more than 200 ms between two
//   deltas, and all were live at once (as the concurrent-streams row);
// - re-attach: while a reply streams from process A, a reader re-attaches (GET …/stream) on A and on B in turn; the
//   extra time to its first delta on B is what following a reply through another process costs.
import { request } from "node:http";
import { buildTurnRequest, type Session } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { formatMs, judge, type Section } from "./report";
import { startSecondServer } from "./second-server";
import { runStream } from "./sse-client";
import { interpretEvent, splitEvents } from "./sse-events";
import { percentile } from "./stats";
import { type LoadSummary, runStreams, summarizeLoad } from "./stream-load";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const LEVELS = [50, 100, 150, 200];
const GAP_LIMIT_MS = 200;
const REATTACH_ROUNDS = 20;
const REATTACH_GOAL_MS = 20;
// Long enough to re-attach twice while it streams: 60 deltas, 20 ms apart.
const REATTACH_REPLY_CHUNKS = 60;
const STREAM_SLACK_MS = 30_000;

type Level = LoadSummary & { level: number; isPass: boolean };

async function runLevel(context: BenchContext, sessions: Session[], level: number): Promise<Level> {
  const { config, fake, pool } = context;
  const ids = await pool.take(level);
  // Round-robin: the i-th stream goes to process i mod n.
  const turns = ids.map((id, index) => buildTurnRequest(sessions[index % sessions.length] as Session, id));
  const chunks = setReply(fake, config.levelChunks, config.paceMs);
  await waitForUpstreamIdle(fake);
  const timeoutMs = config.levelChunks * config.paceMs + STREAM_SLACK_MS;
  const summary = summarizeLoad(await runStreams(turns, config.rampMs, () => ({ timeoutMs })), chunks);
  const isPass = summary.brokenStreams === 0 && summary.largestGapMs <= GAP_LIMIT_MS && summary.peakLive === level;
  return { ...summary, level, isPass };
}

function describeLevel(result: Level): string {
  const problems = result.brokenStreams > 0 ? `, ${result.brokenStreams} broken (${result.firstProblem})` : "";
  return (
    `${result.level} ${result.isPass ? "ok" : "FAIL"} (peak live ${result.peakLive}, largest gap ` +
    `${formatMs(result.largestGapMs)}, ${result.lostDeltas} lost${problems}, TTFT p99 ${formatMs(result.ttftP99Ms)})`
  );
}

/** Opens GET …/stream and resolves with the time from the request to the first delta, then leaves. */
function timeReattach(session: Session, conversationId: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const url = new URL(`${session.baseUrl}/api/conversations/${conversationId}/stream`);
    const outgoing = request(url, { headers: { cookie: session.cookie } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`Re-attach: HTTP ${response.statusCode}`));
        return;
      }
      let buffer = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const { blocks, rest } = splitEvents(buffer + chunk);
        buffer = rest;
        if (blocks.some((block) => interpretEvent("parley", block)?.kind === "delta")) {
          resolve(performance.now() - startedAt);
          outgoing.destroy();
        }
      });
      response.on("end", () => reject(new Error("Re-attach: the stream ended before a delta")));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function measureReattach(context: BenchContext, onA: Session, onB: Session): Promise<number[][]> {
  const times: number[][] = [[], []];
  for (let round = 0; round < REATTACH_ROUNDS; round++) {
    const [id = ""] = await context.pool.take(1);
    setReply(context.fake, REATTACH_REPLY_CHUNKS, context.config.paceMs);
    await waitForUpstreamIdle(context.fake);
    let markStarted: () => void = () => {};
    const started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const sending = runStream(buildTurnRequest(onA, id), { onFirstDelta: () => markStarted() });
    await started;
    // Alternate which process is asked first, so that neither always meets a reply further along.
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const index of order) {
      times[index]?.push(await timeReattach(index === 0 ? onA : onB, id));
    }
    const sent = await sending;
    if (sent.outcome !== "done") throw new Error(`A re-attach round's turn failed: ${sent.outcome} ${sent.detail}`);
  }
  return times;
}

export async function measureTwoProcesses(context: BenchContext): Promise<Section> {
  const second = await startSecondServer(context.fake.url, context.database.databaseUrl);
  try {
    const onA = context.session;
    const onB: Session = { ...context.session, baseUrl: second.baseUrl };
    const single: Level[] = [];
    for (const level of LEVELS) {
      single.push(await runLevel(context, [onA], level));
      if (!single.at(-1)?.isPass) break;
    }
    const highest = single.filter((result) => result.isPass).at(-1)?.level ?? 0;
    // When one process passes no level, twice the lowest is still tried.
    const double = await runLevel(context, [onA, onB], 2 * (highest || (LEVELS[0] ?? 0)));
    const [sameProcess = [], otherProcess = []] = await measureReattach(context, onA, onB);
    const extra = otherProcess.map((time, round) => time - (sameProcess[round] ?? Number.NaN));
    const extraP50 = percentile(extra, 0.5);
    return {
      rows: [
        {
          measure:
            "streams sustained by two processes behind a round-robin client, at 2× one process's highest passing " +
            `level (none lost, no gap > ${GAP_LIMIT_MS} ms)`,
          parley: `${double.level}: ${double.isPass ? "ok" : "FAIL"} (one process: ${highest || `< ${LEVELS[0]}`})`,
          relay: "—",
          goal: "no loss, no gap > 200 ms at 2×",
          verdict: judge(double.isPass),
        },
        {
          measure: "re-attach on another process: extra time to first delta, p50",
          parley: formatMs(extraP50),
          relay: "—",
          goal: `≤ ${REATTACH_GOAL_MS} ms`,
          verdict: judge(extraP50 <= REATTACH_GOAL_MS),
        },
      ],
      notes: [
        `Two processes: one process alone: ${single.map(describeLevel).join("; ")}. Both, round-robin: ` +
          `${describeLevel(double)}. Both processes share the machine's cores (and the load generator's, the fake ` +
          "upstream's and PostgreSQL's): on 2 cores a second process adds no CPU, so this row shows that the load " +
          "spreads without loss, not that capacity doubles.",
        `Re-attach: ${REATTACH_ROUNDS} replies streamed by the first process (${REATTACH_REPLY_CHUNKS} deltas ` +
          `${context.config.paceMs} ms apart); in each, GET …/stream on the same process and on the other, in ` +
          `alternating order: time to first delta p50 ${formatMs(percentile(sameProcess, 0.5))} vs ` +
          `${formatMs(percentile(otherProcess, 0.5))}; extra p50 ${formatMs(extraP50)}, ` +
          `p90 ${formatMs(percentile(extra, 0.9))} (PostgreSQL LISTEN/NOTIFY to the owner and back).`,
      ],
    };
  } finally {
    await waitForUpstreamIdle(context.fake).catch(() => {});
    await second.stop();
  }
}
