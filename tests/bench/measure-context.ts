// Context assembly for a short and a very long conversation: the app's assembly function called directly (in this
// process, against the app's database), and a whole turn through Parley for each as an end-to-end check.
import pg from "pg";
import { buildTurnRequest, createConversations } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { formatMs, judge, NOT_MEASURED, type Section } from "./report";
import { seedThread } from "./seed-thread";
import { runStream } from "./sse-client";
import { median } from "./stats";
import { setReply, waitForUpstreamIdle } from "./upstream-control";

const SHORT_THREAD = 10;
const GOAL_RATIO = 2;
const WARM_UP_RUNS = 3;
const END_TO_END_TURNS = 5;

type Seeded = { conversationId: string; leafId: string; modelId: string };

async function seedConversation(context: BenchContext, client: pg.Client, count: number): Promise<Seeded> {
  const [conversationId = ""] = await createConversations(context.session, 1);
  const user = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [context.session.email]);
  const conversation = await client.query<{ modelId: string }>(`SELECT "modelId" FROM "Conversation" WHERE id = $1`, [
    conversationId,
  ]);
  const authorId = user.rows[0]?.id ?? "";
  const leafId = await seedThread(client, { conversationId, authorId, count });
  return { conversationId, leafId, modelId: conversation.rows[0]?.modelId ?? "" };
}

type Assemble = (leafId: string) => Promise<number>;

async function timeOnce(assemble: Assemble, leafId: string): Promise<{ ms: number; sentMessages: number }> {
  const startedAt = performance.now();
  const sentMessages = await assemble(leafId);
  return { ms: performance.now() - startedAt, sentMessages };
}

/** Alternates the two threads run by run, so that warm-up and drift weigh on both alike. */
async function timeAssemblies(assemble: Assemble, leafIds: [string, string], runs: number) {
  const times: [number[], number[]] = [[], []];
  const sent = [0, 0];
  for (let run = 0; run < runs + WARM_UP_RUNS; run++) {
    for (const index of [0, 1] as const) {
      const { ms, sentMessages } = await timeOnce(assemble, leafIds[index]);
      sent[index] = sentMessages;
      if (run >= WARM_UP_RUNS) times[index].push(ms);
    }
  }
  return {
    shortTime: { medianMs: median(times[0]), sentMessages: sent[0] ?? 0 },
    longTime: { medianMs: median(times[1]), sentMessages: sent[1] ?? 0 },
  };
}

async function timeTurn(context: BenchContext, conversationId: string): Promise<number> {
  const result = await runStream(buildTurnRequest(context.session, conversationId));
  const firstDelta = result.deltaTimes[0];
  if (result.outcome !== "done" || firstDelta === undefined) throw new Error(`a turn failed: ${result.outcome}`);
  return firstDelta - result.startedAt;
}

/** Whole turns, alternating between the two conversations; medians of their times to first token. */
async function timeEndToEnd(context: BenchContext, short: Seeded, long: Seeded): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  for (let turn = 0; turn < END_TO_END_TURNS; turn++) {
    times[0].push(await timeTurn(context, short.conversationId));
    times[1].push(await timeTurn(context, long.conversationId));
  }
  return [median(times[0]), median(times[1])];
}

async function timeBothSizes(context: BenchContext, short: Seeded, long: Seeded) {
  const { loadAssembler, closeAssemblyDatabase, ASSEMBLY_FUNCTION } = await import("./context-assembly");
  try {
    const assemble = await loadAssembler(short.modelId);
    const timings = await timeAssemblies(assemble, [short.leafId, long.leafId], context.config.contextRuns);
    return { ...timings, functionName: ASSEMBLY_FUNCTION };
  } finally {
    await closeAssemblyDatabase();
  }
}

export async function measureContext(context: BenchContext): Promise<Section> {
  const longCount = context.config.longThread;
  const client = new pg.Client({ connectionString: context.database.databaseUrl });
  await client.connect();
  try {
    const short = await seedConversation(context, client, SHORT_THREAD);
    const long = await seedConversation(context, client, longCount);
    // As autovacuum would after such an insert: the planner should know the table's new size.
    await client.query(`ANALYZE "Message"`);
    const { shortTime, longTime, functionName } = await timeBothSizes(context, short, long);
    setReply(context.fake, 3, 0);
    await waitForUpstreamIdle(context.fake);
    const [shortTurn, longTurn] = await timeEndToEnd(context, short, long);
    const ratio = longTime.medianMs / shortTime.medianMs;
    return {
      rows: [
        {
          measure: `context assembly, ${SHORT_THREAD} messages`,
          parley: formatMs(shortTime.medianMs),
          relay: NOT_MEASURED,
          goal: NOT_MEASURED,
          verdict: "",
        },
        {
          measure: `context assembly, ${longCount.toLocaleString("en")} messages`,
          parley: `${formatMs(longTime.medianMs)} (${ratio.toFixed(1)}×)`,
          relay: NOT_MEASURED,
          goal: `≤ ${GOAL_RATIO}× the ${SHORT_THREAD}-message time`,
          verdict: judge(ratio <= GOAL_RATIO),
        },
        {
          measure: `time to first token, ${SHORT_THREAD} vs ${longCount.toLocaleString("en")} messages (whole turn)`,
          parley: `${formatMs(shortTurn)} vs ${formatMs(longTurn)}`,
          relay: NOT_MEASURED,
          goal: NOT_MEASURED,
          verdict: "",
        },
      ],
      notes: [
        `Context: threads inserted with SQL (~650 tokens a message); ${functionName} called directly, median of ` +
          `${context.config.contextRuns} alternating runs after ${WARM_UP_RUNS} warm-up; windows sent ${shortTime.sentMessages} and ` +
          `${longTime.sentMessages} messages. Whole-turn TTFT: median of ${END_TO_END_TURNS} turns each.`,
      ],
    };
  } finally {
    await client.end();
  }
}
