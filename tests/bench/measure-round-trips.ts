// Database round trips of one chat turn, before its first token and after it, counted by pg_stat_statements: the
// calls of every statement the app ran (BEGIN and COMMIT included, each its own round trip: node-postgres sends one
// statement at a time and waits for its answer). Turns run one at a time, so that each count is one turn's; the
// count at the first token is read as soon as the client receives it (the reply then pauses, so nothing else lands).
// The bus's NOTIFYs go on its own connection and no turn waits for them: they are counted apart. A turn sends one
// ("a reply started") only when a browser on another process watches its conversation (lib/cluster/remote-watchers.ts),
// which none does here; what remains is the process's list of watched conversations, sent every few seconds.
import pg from "pg";
import type { BenchContext } from "./bench-context";
import { judge, NOT_MEASURED, type Section } from "./report";
import { runStream } from "./sse-client";
import { median } from "./stats";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const TURNS = 20;
// Three deltas 150 ms apart: the first arrives at once, the final save comes 300 ms later.
const REPLY = { chunks: 3, paceMs: 150 };
const GOAL_BEFORE = 2;
const GOAL_AFTER = 1;

// The bus sends `NOTIFY parley_live, ...` (lib/db/listen-connection.ts); pg_notify() is matched too.
const BUS_NOTIFY = String.raw`'(^\s*notify\s|pg_notify)'`;

// The bench's own queries name pg_stat_statements and are left out.
const CALLS_QUERY = `
  SELECT coalesce(sum(calls) FILTER (WHERE query !~* ${BUS_NOTIFY}), 0)::float8 AS calls,
         coalesce(sum(calls) FILTER (WHERE query ~* ${BUS_NOTIFY}), 0)::float8 AS notifications
    FROM pg_stat_statements
   WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
     AND query NOT ILIKE '%pg_stat_statements%'`;

type Calls = { calls: number; notifications: number };

async function readCalls(client: pg.Client): Promise<Calls> {
  const { rows } = await client.query<Calls>(CALLS_QUERY);
  if (!rows[0]) throw new Error("pg_stat_statements returned nothing");
  return rows[0];
}

export async function measureRoundTrips(context: BenchContext): Promise<Section> {
  if (context.database.statementsUnavailable) throw new Error(context.database.statementsUnavailable);
  const client = new pg.Client({ connectionString: context.database.databaseUrl });
  await client.connect();
  try {
    const turns = await context.app.prepare(TURNS);
    setReply(context.fake, REPLY.chunks, REPLY.paceMs);
    await waitForUpstreamIdle(context.fake);
    const before: number[] = [];
    const after: number[] = [];
    let notifications = 0;
    for (const turn of turns) {
      const start = await readCalls(client);
      let atFirstToken: Promise<Calls> | undefined;
      const result = await runStream(turn, {
        onFirstDelta: () => {
          atFirstToken = readCalls(client);
        },
      });
      if (result.outcome !== "done" || !atFirstToken) throw new Error(`a turn failed: ${result.outcome}`);
      const first = await atFirstToken;
      const end = await readCalls(client);
      before.push(first.calls - start.calls);
      after.push(end.calls - first.calls);
      notifications += end.notifications - start.notifications;
    }
    const summarize = (values: number[]) =>
      `${median(values)} (min ${Math.min(...values)}, max ${Math.max(...values)})`;
    return {
      rows: [
        {
          measure: "database round trips before the first token, per turn (median)",
          parley: summarize(before),
          relay: NOT_MEASURED,
          goal: `≤ ${GOAL_BEFORE}`,
          verdict: judge(median(before) <= GOAL_BEFORE),
        },
        {
          measure: "database round trips after the first token, per turn (median)",
          parley: summarize(after),
          relay: NOT_MEASURED,
          goal: `≤ ${GOAL_AFTER}`,
          verdict: judge(median(after) <= GOAL_AFTER),
        },
      ],
      notes: [
        `Round trips: ${TURNS} turns one after another, each a ${REPLY.chunks}-delta reply paced ${REPLY.paceMs} ms; ` +
          "pg_stat_statements calls (BEGIN/COMMIT included: each statement is one round trip) from the request to " +
          "the first delta's arrival, and from then to the end. The session check counts; the process's own " +
          "background statements (its lease) may land in a turn's count, hence the median. Apart: " +
          `${notifications} NOTIFY in all on the bus's own connection during the ${TURNS} turns, awaited by none: the ` +
          "process's list of watched conversations every few seconds (a turn announces itself there only to " +
          "browsers watching its conversation on another process).",
      ],
    };
  } finally {
    await client.end();
  }
}
