// Prometheus metrics of this process (prom-client), served on a port of their own when METRICS_PORT is set
// (metrics-server.ts). Labels are bounded: a model's upstream name, an outcome, an HTTP status; never a user, a
// conversation or any text.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { databasePoolStats } from "../db/client";
import { doesDatabaseAnswer } from "../db/health";
import { onPoolWait } from "../db/pool-waits";
import type { FinishedReply } from "../db/turns";

type Metrics = {
  registry: Registry;
  timeToFirstToken: Histogram<"model">;
  replyDuration: Histogram<"model">;
  tokensStreamed: Counter<"model">;
  replies: Counter<"outcome">;
  upstreamErrors: Counter<"status">;
  databaseUnreachableRequests: Counter;
};

// On globalThis: Next's route handlers and the server's own modules record into one registry.
const globalForMetrics = globalThis as unknown as { parleyMetrics?: Metrics; parleyOpenStreamCount?: () => number };

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300];

function createMetrics(): Metrics {
  const registry = new Registry();
  // Process memory, CPU, event loop lag, handles: prom-client's defaults.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    timeToFirstToken: new Histogram({
      name: "parley_reply_time_to_first_token_seconds",
      help: "From the provider call to the reply's first token, by model.",
      labelNames: ["model"],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    replyDuration: new Histogram({
      name: "parley_reply_duration_seconds",
      help: "From the provider call to the reply's end, by model.",
      labelNames: ["model"],
      buckets: SECONDS_BUCKETS,
      registers,
    }),
    tokensStreamed: new Counter({
      name: "parley_tokens_streamed_total",
      help: "Completion tokens streamed to readers, by model.",
      labelNames: ["model"],
      registers,
    }),
    replies: new Counter({
      name: "parley_replies_total",
      help: "Replies ended, by outcome: done, stopped, error, interrupted (recovered from a dead process).",
      labelNames: ["outcome"],
      registers,
    }),
    upstreamErrors: new Counter({
      name: "parley_upstream_errors_total",
      help: "Replies and /v1 completions failed by the model provider, by HTTP status (none: no status, e.g. a timeout).",
      labelNames: ["status"],
      registers,
    }),
    databaseUnreachableRequests: new Counter({
      name: "parley_database_unreachable_requests_total",
      help: "Requests answered 503 (try again) because the database could not be reached, readiness probes included.",
      registers,
    }),
  };
  new Gauge({
    name: "parley_open_event_streams",
    help: "Event streams (replies followed, conversations watched) open to browsers in this process.",
    registers,
    collect() {
      this.set(globalForMetrics.parleyOpenStreamCount?.() ?? 0);
    },
  });
  registerPoolMetrics(registers);
  return metrics;
}

// Wait buckets from 1 ms: a checkout from an idle connection takes microseconds, one that queued behind a busy pool
// takes as long as the queries ahead of it.
const WAIT_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Longer than a healthy database ever takes to answer SELECT 1, well under a scrape's usual 10 s timeout.
const DATABASE_PROBE_TIMEOUT_MS = 2_000;

/** The database pool, read when scraped, and how long each request for one of its connections waited. */
function registerPoolMetrics(registers: Registry[]): void {
  new Gauge({
    name: "parley_database_up",
    help: "1 when the database answered this process's SELECT 1 at this scrape within 2 s (waiting for a pool connection included), else 0.",
    registers,
    async collect() {
      this.set((await doesDatabaseAnswer(DATABASE_PROBE_TIMEOUT_MS)) ? 1 : 0);
    },
  });
  new Gauge({
    name: "parley_db_pool_connections",
    help: "Connections of this process's database pool, by state: in_use, idle, max (the pool's size).",
    labelNames: ["state"],
    registers,
    collect() {
      const stats = databasePoolStats();
      this.set({ state: "in_use" }, stats.inUse);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "max" }, stats.max);
    },
  });
  new Gauge({
    name: "parley_db_pool_waiting_requests",
    help: "Requests queued for a database connection now, all of the pool's being in use.",
    registers,
    collect() {
      this.set(databasePoolStats().waiting);
    },
  });
  const waits = new Histogram({
    name: "parley_db_pool_wait_seconds",
    help: "How long each request for a database connection waited for one (queued, or while one was opened).",
    buckets: WAIT_BUCKETS,
    registers,
  });
  onPoolWait((seconds) => waits.observe(seconds));
}

export function metrics(): Metrics {
  globalForMetrics.parleyMetrics ??= createMetrics();
  return globalForMetrics.parleyMetrics;
}

/** How the open-streams gauge counts (lib/chat/open-streams.ts registers it, to keep that module import-free). */
export function countOpenStreamsWith(count: () => number): void {
  globalForMetrics.parleyOpenStreamCount = count;
}

const OUTCOMES = { COMPLETE: "done", INTERRUPTED: "stopped", ERROR: "error" } as const;

/** A reply of this process ended and was saved. */
export function recordFinishedReply(model: string, reply: FinishedReply): void {
  const recorded = metrics();
  recorded.replies.inc({ outcome: OUTCOMES[reply.status] });
  if (reply.status === "ERROR") {
    const cause = reply.errorCause as { status?: unknown } | null;
    if (cause && typeof cause === "object") recordUpstreamFailure(cause.status);
  }
  const ledger = reply.ledger;
  if (!ledger) return;
  if (ledger.timeToFirstTokenMs !== null)
    recorded.timeToFirstToken.observe({ model }, ledger.timeToFirstTokenMs / 1000);
  recorded.replyDuration.observe({ model }, ledger.durationMs / 1000);
  recorded.tokensStreamed.inc({ model }, ledger.completionTokens);
}

/** A call to a model provider that failed, a chat reply's or a /v1 completion's: its HTTP status, if it had one. */
export function recordUpstreamFailure(status: unknown): void {
  metrics().upstreamErrors.inc({ status: String(status ?? "none") });
}

/** Replies of dead processes, recovered here as interrupted. */
export function recordRecoveredReplies(count: number): void {
  metrics().replies.inc({ outcome: "interrupted" }, count);
}
