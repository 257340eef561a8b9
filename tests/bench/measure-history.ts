// History at scale: a sidebar page and a search among 3,000 conversations, and opening a 5,000-message conversation,
// timed as requests to the app (localhost, keep-alive, one at a time: the server's time plus a loopback hop).
import pg from "pg";
import { createConversations, type Session } from "./bench-client";
import type { BenchContext } from "./bench-context";
import { formatKilobytes, formatMs, judge, NOT_MEASURED, type Section } from "./report";
import { seedThread } from "./seed-thread";
import { percentile } from "./stats";

const CONVERSATIONS = 3000;
const TIME_GOAL_MS = 50;
const PAYLOAD_GOAL_BYTES = 100 * 1024;
const WARM_UP_RUNS = 10;
const RUNS = 100;
// A word in one conversation only, one in a fifth of the titles, and one in every message.
const SEARCHES = ["quetzal", "cooking", "ordinary words"];

/** 3,000 conversations of two messages each, active a minute apart, written with SQL in two statements. */
async function seedConversations(client: pg.Client, ownerId: string, modelId: string): Promise<void> {
  await client.query(
    `INSERT INTO "Conversation" (id, "ownerId", "modelId", title, "createdAt", "updatedAt")
     SELECT 'benchhistory' || g, $1, $2,
            'Chat ' || g || ' about ' || (ARRAY['travel', 'cooking', 'code', 'music', 'gardens'])[1 + g % 5],
            now() - g * interval '1 minute', now() - g * interval '1 minute'
       FROM generate_series(1, $3::int) g`,
    [ownerId, modelId, CONVERSATIONS],
  );
  await client.query(
    `INSERT INTO "Message" (id, "conversationId", "parentId", role, content, depth, "createdAt", "updatedAt")
     SELECT 'benchhistory' || g || 'm' || turn, 'benchhistory' || g,
            CASE WHEN turn = 0 THEN NULL ELSE 'benchhistory' || g || 'm0' END,
            (CASE WHEN turn = 0 THEN 'USER' ELSE 'ASSISTANT' END)::"MessageRole",
            'Message ' || turn || ' of chat ' || g || '. ' || repeat('Some ordinary words about the topic at hand. ', 12)
              || md5(g || ':' || turn) || CASE WHEN g = $1::int / 2 THEN ' The quetzal is a bird.' ELSE '' END,
            turn, now() - g * interval '1 minute', now() - g * interval '1 minute'
       FROM generate_series(1, $1::int) g, generate_series(0, 1) turn`,
    [CONVERSATIONS],
  );
  await client.query(
    `UPDATE "Conversation" SET "currentLeafId" = id || 'm1' WHERE id LIKE 'benchhistory%' AND "ownerId" = $1`,
    [ownerId],
  );
}

async function timeRequests(session: Session, paths: string[]): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < WARM_UP_RUNS + RUNS; run++) {
    const path = paths[run % paths.length] ?? "";
    const startedAt = performance.now();
    const response = await fetch(`${session.baseUrl}${path}`, { headers: { cookie: session.cookie } });
    const body = await response.arrayBuffer();
    const elapsed = performance.now() - startedAt;
    if (!response.ok) throw new Error(`GET ${path} answered HTTP ${response.status}`);
    if (run >= WARM_UP_RUNS) times.push(elapsed);
    bytes = Math.max(bytes, body.byteLength);
  }
  return { times, bytes };
}

async function readIds(client: pg.Client, session: Session) {
  const { rows } = await client.query<{ userId: string; modelId: string }>(
    `SELECT u.id AS "userId", c."modelId" FROM "User" u JOIN "Conversation" c ON c."ownerId" = u.id
      WHERE u.email = $1 LIMIT 1`,
    [session.email],
  );
  if (!rows[0]) throw new Error("The bench user has no conversation to take the model from");
  return rows[0];
}

export async function measureHistory(context: BenchContext): Promise<Section> {
  const { session } = context;
  const client = new pg.Client({ connectionString: context.database.databaseUrl });
  await client.connect();
  try {
    const [longConversationId = ""] = await createConversations(session, 1);
    const { userId, modelId } = await readIds(client, session);
    await seedConversations(client, userId, modelId);
    await seedThread(client, {
      conversationId: longConversationId,
      authorId: userId,
      count: context.config.longThread,
    });
    // As autovacuum soon would: statistics for the planner, and the GIN indexes' pending entries merged.
    await client.query(`VACUUM ANALYZE "Conversation"`);
    await client.query(`VACUUM ANALYZE "Message"`);

    const firstPage = (await (
      await fetch(`${session.baseUrl}/api/conversations`, { headers: { cookie: session.cookie } })
    ).json()) as {
      nextCursor: string | null;
    };
    const listPaths = ["/api/conversations", `/api/conversations?cursor=${firstPage.nextCursor ?? ""}`];
    const list = await timeRequests(session, listPaths);
    const perSearch: number[][] = [];
    for (const text of SEARCHES) {
      perSearch.push((await timeRequests(session, [`/api/conversations/search?q=${encodeURIComponent(text)}`])).times);
    }
    const open = await timeRequests(session, [`/api/conversations/${longConversationId}`]);

    const listP95 = percentile(list.times, 0.95);
    const searchP95 = percentile(perSearch.flat(), 0.95);
    const openP95 = percentile(open.times, 0.95);
    const longCount = context.config.longThread.toLocaleString("en");
    return {
      rows: [
        {
          measure: `conversation list page among ${CONVERSATIONS.toLocaleString("en")} conversations, p95`,
          parley: formatMs(listP95),
          relay: NOT_MEASURED,
          goal: `≤ ${TIME_GOAL_MS} ms`,
          verdict: judge(listP95 <= TIME_GOAL_MS),
        },
        {
          measure: `search titles and messages of ${CONVERSATIONS.toLocaleString("en")} conversations, p95`,
          parley: formatMs(searchP95),
          relay: NOT_MEASURED,
          goal: `≤ ${TIME_GOAL_MS} ms`,
          verdict: judge(searchP95 <= TIME_GOAL_MS),
        },
        {
          measure: `open a ${longCount}-message conversation, p95`,
          parley: formatMs(openP95),
          relay: NOT_MEASURED,
          goal: `≤ ${TIME_GOAL_MS} ms`,
          verdict: judge(openP95 <= TIME_GOAL_MS),
        },
        {
          measure: `first payload of a ${longCount}-message conversation`,
          parley: formatKilobytes(open.bytes),
          relay: NOT_MEASURED,
          goal: `≤ ${formatKilobytes(PAYLOAD_GOAL_BYTES)}`,
          verdict: judge(open.bytes <= PAYLOAD_GOAL_BYTES),
        },
      ],
      notes: [
        `History: ${CONVERSATIONS.toLocaleString("en")} conversations of 2 messages (~600 characters each) inserted ` +
          `with SQL for one user, then VACUUM ANALYZE; times are GET requests one at a time on localhost with the session cookie, ` +
          `${RUNS} after ${WARM_UP_RUNS} warm-up. List: the first page and the second alternately. Search p95 ` +
          SEARCHES.map((text, index) => `"${text}" ${formatMs(percentile(perSearch[index] ?? [], 0.95))}`).join(", ") +
          `. Open: GET /api/conversations/{id}, the newest page of the thread; payload is the uncompressed JSON.`,
      ],
    };
  } finally {
    await client.end();
  }
}
