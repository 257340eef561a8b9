// Search over conversation titles and message text. Substring matches (ILIKE) are served by the trigram GIN
// indexes of the history_search migration, so they work for words in any language, not just whole English words.
import { Prisma, pool } from "./client";
import { rethrowIfDatabaseUnavailable } from "./database-unavailable";

export type SearchHit = {
  id: string;
  title: string;
  updatedAt: Date;
  pinnedAt: Date | null;
  /** Who started it: named in a team's history and in results shared with the caller; null once deleted. */
  ownerId: string | null;
  ownerName: string | null;
  /** The team it is shared with, if any. */
  teamName: string | null;
  /**
   * Text around the first match in the newest message matching it as a whole word, else in the newest matching
   * message; null when only the title matched.
   */
  snippet: string | null;
  /** The message the snippet comes from, where a result opens the conversation; null when only the title matched. */
  messageId: string | null;
};

const MAX_RESULTS = 30;
// How many of a conversation's newest matching messages are looked at for one with the text as a whole word.
const WHOLE_WORD_CANDIDATES = 20;
// Characters of context shown on each side of the match.
const SNIPPET_BEFORE = 40;
const SNIPPET_AFTER = 100;

// Trigrams narrow a search only from three characters on. A shorter text (two Chinese characters make a word) is
// matched within the caller's own conversations' messages instead of through the index over everyone's.
const MIN_INDEXED_SEARCH_LENGTH = 3;

// The trigram index leaves out replies still being written (migration search_index_skips_streaming_replies): their
// text changes with every partial save. Written out as the index's own condition, so that the planner may use it.
const FINISHED = Prisma.sql`m.status <> 'STREAMING'`;

/** Makes user text match literally inside a LIKE pattern. */
function toLikePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A regular expression matching `text` literally as a whole word: not inside a longer word ("cat" in "category"). */
function toWholeWordPattern(text: string): string {
  const literal = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return `(^|[^[:alnum:]_])${literal}([^[:alnum:]_]|$)`;
}

/** The conversations in `scope` whose title or any message contains `text`, most recently active first. */
export async function searchConversations(scope: Prisma.Sql, text: string): Promise<SearchHit[]> {
  const pattern = toLikePattern(text);
  const length = SNIPPET_BEFORE + text.length + SNIPPET_AFTER;
  // The 30 newest matches first, then their owner, team and snippet: joined before the limit, the snippet's search
  // through a conversation's messages ran for every match (3,000 for a common word) and was most of the time.
  const messageMatches =
    [...text].length >= MIN_INDEXED_SEARCH_LENGTH
      ? Prisma.sql`c.id IN (SELECT m."conversationId" FROM "Message" m WHERE m.content ILIKE ${pattern} AND ${FINISHED})`
      : Prisma.sql`EXISTS (SELECT 1 FROM "Message" m
                            WHERE m."conversationId" = c.id AND m.content ILIKE ${pattern} AND ${FINISHED})`;
  const search = Prisma.sql`
    WITH hits AS (
      SELECT c.id, c.title, c."updatedAt", c."pinnedAt", c."ownerId", c."teamId"
        FROM "Conversation" c
       WHERE ${scope}
         AND (c.title ILIKE ${pattern}
              OR ${messageMatches})
       ORDER BY c."updatedAt" DESC, c.id DESC
       LIMIT ${MAX_RESULTS}
    )
    SELECT c.id, c.title, c."updatedAt" AT TIME ZONE 'UTC' AS "updatedAt",
           c."pinnedAt" AT TIME ZONE 'UTC' AS "pinnedAt", c."ownerId", u.name AS "ownerName", t.name AS "teamName",
           CASE WHEN found.content IS NULL THEN NULL
                ELSE CASE WHEN found.start > 1 THEN '…' ELSE '' END || substr(found.content, found.start, ${length}::int)
                  || CASE WHEN found.start + ${length}::int <= length(found.content) THEN '…' ELSE '' END
           END AS snippet,
           found.id AS "messageId"
      FROM hits c
      LEFT JOIN "User" u ON u.id = c."ownerId"
      LEFT JOIN "Team" t ON t.id = c."teamId"
      -- The newest message with the text as a whole word ("needle10" is not the one in "needle108"), else the
      -- newest with it anywhere. A question and its reply are written by one statement, at the same time: the
      -- deeper one is the newer.
      -- Among its newest matching messages only: a common word in a long conversation would otherwise have every
      -- message read and matched again.
      LEFT JOIN LATERAL (
        SELECT newest.id, newest.content,
               greatest(1, position(lower(${text}) IN lower(newest.content)) - ${SNIPPET_BEFORE}::int) AS start
          FROM (SELECT m.id, m.content, m."createdAt", m.depth
                  FROM "Message" m
                 WHERE m."conversationId" = c.id AND m.content ILIKE ${pattern} AND ${FINISHED}
                 ORDER BY m."createdAt" DESC, m.depth DESC
                 LIMIT ${WHOLE_WORD_CANDIDATES}) newest
         ORDER BY newest.content ~* ${toWholeWordPattern(text)} DESC, newest."createdAt" DESC, newest.depth DESC
         LIMIT 1
      ) found ON true
     ORDER BY c."updatedAt" DESC, c.id DESC`;
  // The planner prices a sequential scan of Message without the cost of reading long (TOASTed) texts and matching
  // them, so for common words it reads every message of every user (measured: 140 ms against 30 ms through the
  // trigram index with 11,000 messages). For this query the index is always the better path. Through pg directly
  // (three round trips, the first two statements sent as one): Prisma's transaction took four, each through its
  // query engine. Timestamps are selected AT TIME ZONE 'UTC', as direct-query.ts explains.
  const client = await pool().connect().catch(rethrowIfDatabaseUnavailable);
  try {
    await client.query("BEGIN; SET LOCAL enable_seqscan = off");
    // Unnamed, unlike the turn's statements: a named one may get a generic plan after five runs, blind to how
    // common the word is; this one is planned with the text's own statistics each time.
    const { rows: hits } = await client.query<SearchHit>(search.text, search.values);
    await client.query("COMMIT");
    return hits;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    rethrowIfDatabaseUnavailable(error);
  } finally {
    client.release();
  }
}
