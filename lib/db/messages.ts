// Reading a conversation's message tree: the thread the user sees, and what a context window may send.
import { AppError } from "../errors";
import { db, Prisma } from "./client";
import { queryPrepared } from "./direct-query";

export const messageFields = {
  id: true,
  role: true,
  content: true,
  status: true,
  parentId: true,
  createdAt: true,
} as const;
export type MessageView = Prisma.MessageGetPayload<{ select: typeof messageFields }>;

/** Who wrote a user turn: a name only (never an email), which team conversations show on each turn. */
export type MessageAuthor = { id: string; name: string } | null;
type ThreadRow = MessageView & {
  errorCode: string | null;
  /** For a stopped reply, who stopped it (lib/live/messages.ts); the model's own finish reason for the others. */
  finishReason: string | null;
  /** Only for admin readers (why a model call failed); null for everyone else. */
  errorCause: unknown;
  contextManifest: unknown;
  author: MessageAuthor;
  /** Came from an imported file: the thread marks such a reply as not written by a model here. */
  imported: boolean;
  reasoning: string | null;
  reasoningMs: number | null;
  /** The reply's row of the usage ledger (its figures only); null for other messages. */
  usage: unknown;
  /** A user turn's files (lib/attachments), without their bytes. */
  attachments: unknown;
};
export type ThreadMessage = Omit<ThreadRow, "contextManifest"> & { siblingIds: string[]; context: unknown };

export type ThreadPage = {
  messages: ThreadMessage[];
  /** Pass as `before` to read the part of the thread above this page; null when the page reaches the root. */
  olderCursor: string | null;
};

// A page ends after this many messages or once its text passes this many bytes, whichever comes first: a long
// conversation opens with a small first payload however long its messages are.
const PAGE_MESSAGES = 40;
const PAGE_BYTES = 48 * 1024;
// A page that must reach a message further up (`throughId`) grows up to this: one read instead of a request per page
// of 40. Beyond it the browser reads on a page at a time, as when the user scrolls up.
const THROUGH_MESSAGES = 400;
const THROUGH_BYTES = 512 * 1024;

/**
 * The newest page of the path from a leaf up to the root, oldest first, each message with its siblings; with
 * `throughId` (a message of that path), longer, up to that message, within the bounds above.
 * `isAdminReader`: include why failed replies failed, which only admins see.
 */
export function getThreadPage(
  conversationId: string,
  leafId: string | null,
  isAdminReader: boolean,
  throughId?: string,
): Promise<ThreadPage> {
  if (!leafId) return Promise.resolve({ messages: [], olderCursor: null });
  return readThreadPage(conversationId, Prisma.sql`id = ${leafId}`, isAdminReader, throughId);
}

/** The page of the same thread just above the message `beforeId` (its parent and older). */
export function getOlderThreadPage(
  conversationId: string,
  beforeId: string,
  isAdminReader: boolean,
): Promise<ThreadPage> {
  return readThreadPage(
    conversationId,
    Prisma.sql`id = (SELECT "parentId" FROM "Message" WHERE id = ${beforeId} AND "conversationId" = ${conversationId})`,
    isAdminReader,
  );
}

// Walks up from the start only as far as one page: opening a 5,000-message thread reads one page of it.
async function readThreadPage(
  conversationId: string,
  start: Prisma.Sql,
  isAdminReader: boolean,
  throughId?: string,
): Promise<ThreadPage> {
  // `reached`: the walk has read the message it must reach (true from the start when there is none).
  const isThrough = (id: Prisma.Sql) => (throughId ? Prisma.sql`${id} = ${throughId}` : Prisma.sql`true`);
  const rows = await db().$queryRaw<(ThreadRow & { step: number })[]>`
    WITH RECURSIVE thread AS (
      SELECT id, "parentId", 1 AS step, octet_length(content) AS bytes, ${isThrough(Prisma.sql`id`)} AS reached
        FROM "Message" WHERE ${start} AND "conversationId" = ${conversationId}
      UNION ALL
      SELECT m.id, m."parentId", thread.step + 1, thread.bytes + octet_length(m.content),
             thread.reached OR ${isThrough(Prisma.sql`m.id`)}
        FROM "Message" m JOIN thread ON m.id = thread."parentId"
       WHERE (thread.step < ${PAGE_MESSAGES} AND thread.bytes < ${PAGE_BYTES})
          OR (NOT thread.reached AND thread.step < ${THROUGH_MESSAGES} AND thread.bytes < ${THROUGH_BYTES})
    )
    SELECT m.id, m.role::text AS role, m.content, m.status::text AS status, m."parentId", m."createdAt",
           m."errorCode", m."finishReason",
           CASE WHEN ${isAdminReader} THEN m."errorCause" END AS "errorCause", m."contextManifest",
           m.imported, m.reasoning, m."reasoningMs", thread.step,
           CASE WHEN m.role = 'USER' AND u.id IS NOT NULL THEN json_build_object('id', u.id, 'name', u.name) END
             AS author,
           CASE WHEN ru.id IS NOT NULL THEN json_build_object(
             'promptTokens', ru."promptTokens", 'completionTokens', ru."completionTokens",
             'reasoningTokens', ru."reasoningTokens", 'cachedTokens', ru."cachedTokens", 'isEstimated', ru."isEstimated",
             'timeToFirstTokenMs', ru."timeToFirstTokenMs", 'timeToAnswerMs', ru."timeToAnswerMs",
             'durationMs', ru."durationMs", 'tokensPerSecond', ru."tokensPerSecond") END AS usage,
           COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'kind', a.kind,
                       'contentType', a."contentType", 'size', a.size) ORDER BY a."createdAt", a.id)
                       FROM "Attachment" a WHERE a."messageId" = m.id), '[]'::json) AS attachments
      FROM thread JOIN "Message" m ON m.id = thread.id LEFT JOIN "User" u ON u.id = m."authorId"
           LEFT JOIN "ReplyUsage" ru ON ru."messageId" = m.id
     ORDER BY thread.step DESC`;
  const siblings = await getSiblingIds(conversationId, rows);
  const messages = rows.map(({ contextManifest, step: _step, ...message }) => ({
    ...message,
    siblingIds: siblings.get(message.parentId ?? "") ?? [message.id],
    context: contextManifest ?? null,
  }));
  const oldest = messages[0];
  return { messages, olderCursor: oldest?.parentId ? oldest.id : null };
}

async function getSiblingIds(conversationId: string, thread: { parentId: string | null }[]) {
  const parentIds = thread.map((message) => message.parentId).filter((id): id is string => id !== null);
  const children = await db().message.findMany({
    where: { conversationId, OR: [{ parentId: { in: parentIds } }, { parentId: null }] },
    select: { id: true, parentId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byParent = new Map<string, string[]>();
  for (const child of children) {
    const key = child.parentId ?? "";
    byParent.set(key, [...(byParent.get(key) ?? []), child.id]);
  }
  return byParent;
}

export type WindowRow = {
  id: string;
  role: "SYSTEM" | "USER" | "ASSISTANT";
  content: string;
  tokenCount: number;
  tokenEncoding: string | null;
  depth: number;
  threadTokens: number;
};

export type WindowCandidate = WindowRow & { hasFiles: boolean };

/**
 * The newest messages of the thread ending at the message `leafId`, read only while their cached token counts stay
 * within `tokenLimit` (the first one past it is the last read): the cost of assembling a window does not grow with
 * the length of the history. `hasFiles` tells whether the files must be read too (request-files.ts). Unordered;
 * its aliases (thread, wm, f) leave the enclosing query's free.
 */
export function windowCandidatesSql(leafId: Prisma.Sql, tokenLimit: Prisma.Sql, framingTokens: number): Prisma.Sql {
  return Prisma.sql`
    WITH RECURSIVE thread AS (
      SELECT id, "parentId", "tokenCount" + ${framingTokens}::int AS total FROM "Message" WHERE id = ${leafId}
      UNION ALL
      SELECT wm.id, wm."parentId", thread.total + wm."tokenCount" + ${framingTokens}::int
        FROM "Message" wm JOIN thread ON wm.id = thread."parentId"
       WHERE thread.total <= ${tokenLimit}
    )
    SELECT wm.id, wm.role::text AS role, wm.content, wm."tokenCount", wm."tokenEncoding", wm.depth, wm."threadTokens",
           EXISTS (SELECT 1 FROM "Attachment" f WHERE f."messageId" = wm.id) AS "hasFiles"
      FROM thread JOIN "Message" wm ON wm.id = thread.id`;
}

/** windowCandidatesSql's rows, oldest first. On the path to the first token: one prepared statement. */
export async function getWindowCandidates(
  leafId: string,
  tokenLimit: number,
  framingTokens: number,
): Promise<WindowCandidate[]> {
  const candidates = windowCandidatesSql(Prisma.sql`${leafId}`, Prisma.sql`${tokenLimit}::int`, framingTokens);
  return queryPrepared<WindowCandidate>(Prisma.sql`${candidates} ORDER BY depth`);
}

/**
 * The rows getWindowCandidates would read for `tokenLimit`, out of a longer read of the same thread (oldest first,
 * ending at the leaf): the same bound, applied in memory.
 */
export function limitWindowCandidates(thread: WindowCandidate[], tokenLimit: number, framingTokens: number) {
  let total = 0;
  let first = thread.length;
  while (first > 0 && (first === thread.length || total <= tokenLimit)) {
    first -= 1;
    total += (thread[first]?.tokenCount ?? 0) + framingTokens;
  }
  return thread.slice(first);
}

/** The newest leaf below a message, following the most recent child at each step: the branch to show. */
export async function findNewestLeaf(conversationId: string, messageId: string): Promise<string> {
  const [row] = await db().$queryRaw<{ id: string }[]>`
    WITH RECURSIVE branch AS (
      SELECT id, 0 AS step FROM "Message" WHERE id = ${messageId} AND "conversationId" = ${conversationId}
      UNION ALL
      SELECT (SELECT c.id FROM "Message" c WHERE c."parentId" = branch.id ORDER BY c."createdAt" DESC, c.id DESC LIMIT 1),
             branch.step + 1
        FROM branch WHERE branch.id IS NOT NULL
    )
    SELECT id FROM branch WHERE id IS NOT NULL ORDER BY step DESC LIMIT 1`;
  if (!row) throw new AppError("not_found", "Message not found.");
  return row.id;
}

export type PathRow = WindowRow & {
  parentId: string | null;
  status: string;
  createdAt: Date;
  imported: boolean;
  reasoning: string | null;
  reasoningMs: number | null;
};

/** The whole path from the root down to `messageId`, oldest first: what a copy or a share-link snapshot holds. */
export async function getThreadPath(conversationId: string, messageId: string): Promise<PathRow[]> {
  return db().$queryRaw<PathRow[]>`
    WITH RECURSIVE thread AS (
      SELECT id, "parentId" FROM "Message" WHERE id = ${messageId} AND "conversationId" = ${conversationId}
      UNION ALL
      SELECT m.id, m."parentId" FROM "Message" m JOIN thread ON m.id = thread."parentId"
    )
    SELECT m.id, m."parentId", m.role::text AS role, m.content, m.status::text AS status, m."createdAt",
           m."tokenCount", m."tokenEncoding", m.depth, m."threadTokens", m.imported, m.reasoning, m."reasoningMs"
      FROM thread JOIN "Message" m ON m.id = thread.id ORDER BY m.depth`;
}
