// Parley's own API (/v1/chat/completions, stream: true, a personal API key) next to the chat and the raw relay: the
// time to first token it adds over the relay, and its server CPU per streamed delta. Rounds interleave direct, relay,
// chat and API one turn at a time, and each added figure is a difference within one round, so that drift of the
// machine cancels out.
import type { Session } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { measureInterleavedTtfts, WARM_UP_TURNS } from "./measure-ttft";
import { readCpuMicros } from "./process-stats";
import { formatMicros, formatMs, judge, type Section } from "./report";
import type { TurnRequest } from "./sse-client";
import { percentile } from "./stats";
import { runStreams, summarizeLoad } from "./stream-load";
import type { Target } from "./targets";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const GOAL_ADDED_MS = 5;
const GOAL_CPU_RATIO = 3;
// Well above what the bench sends in a minute: the per-key rate limit is not what is measured.
const REQUESTS_PER_MINUTE = 100_000;

async function call(session: Session, path: string, init: { method: string; body?: unknown }): Promise<unknown> {
  const response = await fetch(`${session.baseUrl}${path}`, {
    method: init.method,
    headers: { "content-type": "application/json", cookie: session.cookie },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${init.method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * The bench user (the install's first account, an admin: API access is on for admins by default) makes a key through
 * Settings' route, and the admin's rate limit is lifted; the model is the one /v1/models lists.
 */
async function createApiTarget(context: BenchContext): Promise<Target> {
  const { session } = context;
  await call(session, "/api/admin/api-access", {
    method: "PUT",
    body: { access: "admins", requestsPerMinute: REQUESTS_PER_MINUTE },
  });
  const { secret } = (await call(session, "/api/account/api-keys", {
    method: "POST",
    body: { name: "bench" },
  })) as { secret: string };
  const headers = { "content-type": "application/json", authorization: `Bearer ${secret}` };
  const models = await fetch(`${session.baseUrl}/v1/models`, { headers });
  const { data } = (await models.json()) as { data: { id: string }[] };
  const model = data[0]?.id;
  if (!model) throw new Error(`/v1/models listed no model (HTTP ${models.status})`);
  const turn: TurnRequest = {
    url: new URL(`${session.baseUrl}/v1/chat/completions`),
    headers,
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }], stream: true }),
    format: "openai",
  };
  return {
    name: "/v1 API",
    prepare: async (count) => Array.from({ length: count }, () => turn),
    processIds: context.app.processIds,
  };
}

/** Server CPU (the app's or the relay's processes, /proc utime+stime) per delta the clients received. */
async function measureCpuPerDelta(
  context: BenchContext,
  target: Target,
): Promise<{ perDelta: number; broken: number }> {
  const { cpuStreams, cpuChunks, paceMs, rampMs } = context.config;
  const turns = await target.prepare(cpuStreams);
  const chunks = setReply(context.fake, cpuChunks, paceMs);
  await waitForUpstreamIdle(context.fake);
  const pids = target.processIds();
  const before = readCpuMicros(pids);
  const summary = summarizeLoad(await runStreams(turns, rampMs), chunks);
  return { perDelta: (readCpuMicros(pids) - before) / summary.deltas, broken: summary.brokenStreams };
}

export async function measureApi(context: BenchContext): Promise<Section> {
  const api = await createApiTarget(context);
  const [directTimes = [], relayTimes = [], chatTimes = [], apiTimes = []] = await measureInterleavedTtfts(context, [
    context.direct,
    context.relay,
    context.app,
    api,
  ]);
  const overRelay = (values: number[]) => values.map((value, round) => value - (relayTimes[round] ?? Number.NaN));
  const overDirect = (values: number[]) => values.map((value, round) => value - (directTimes[round] ?? Number.NaN));
  const apiAdded = percentile(overRelay(apiTimes), 0.5);
  const chatAdded = percentile(overRelay(chatTimes), 0.5);
  const relayCpu = await measureCpuPerDelta(context, context.relay);
  const apiCpu = await measureCpuPerDelta(context, api);
  const ratio = apiCpu.perDelta / relayCpu.perDelta;
  const { ttftTurns, cpuStreams, cpuChunks, paceMs } = context.config;
  const broken = relayCpu.broken + apiCpu.broken;
  return {
    rows: [
      {
        measure: "/v1 API: added time to first token over the raw relay, p50 (the chat's beside it)",
        parley: `API ${formatMs(apiAdded)} (chat ${formatMs(chatAdded)})`,
        relay: `${formatMs(percentile(overDirect(relayTimes), 0.5))} over direct`,
        goal: `≤ ${GOAL_ADDED_MS} ms`,
        verdict: judge(apiAdded <= GOAL_ADDED_MS),
      },
      {
        measure: `/v1 API: server CPU per streamed delta (${cpuChunks}-delta turns)`,
        parley: `${formatMicros(apiCpu.perDelta)} (${ratio.toFixed(1)}× relay)`,
        relay: formatMicros(relayCpu.perDelta),
        goal: `≤ ${GOAL_CPU_RATIO}× relay`,
        verdict: judge(ratio <= GOAL_CPU_RATIO),
      },
    ],
    notes: [
      `/v1 API: ${ttftTurns} interleaved rounds (after ${WARM_UP_TURNS} warm-up) of one turn each to the fake ` +
        "upstream, the relay, the chat and /v1/chat/completions (stream: true, a personal API key made through " +
        `Settings' route), 3-delta unpaced reply; absolute p50: direct ${formatMs(percentile(directTimes, 0.5))}, ` +
        `relay ${formatMs(percentile(relayTimes, 0.5))}, chat ${formatMs(percentile(chatTimes, 0.5))}, ` +
        `API ${formatMs(percentile(apiTimes, 0.5))}; API over relay p99 ${formatMs(percentile(overRelay(apiTimes), 0.99))}. ` +
        `CPU: ${cpuStreams} concurrent streams × ${cpuChunks} deltas every ${paceMs} ms, the app's whole process ` +
        "tree vs the relay's; the API stores no conversation, only its usage." +
        (broken > 0 ? ` ${broken} stream(s) did not complete cleanly.` : ""),
    ],
  };
}
