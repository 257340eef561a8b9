// Writing a turn: the user message and an empty STREAMING reply in one transaction, partial saves at most about
// once a second, and the final reply once. Never a write per token.
import { currentProcessId } from "../cluster/process-identity";
import { AppError } from "../errors";
import { type AttachmentView, attachmentViewFields, claimAttachments } from "./attachments";
import { db, type MessageStatus, Prisma } from "./client";
import { queryPrepared } from "./direct-query";
import { createId } from "./ids";
import { type MessageView, messageFields } from "./messages";

type ReplySnapshot = { modelId: string; modelVersion: number; parameters: Prisma.InputJsonValue };

export type TurnInput = {
  /**
   * The writer's access (lib/access), checked again by the statement that writes: a member removed before it (or
   * before its retry, when its lock waited for another turn) writes nothing.
   */
  scope: Prisma.Sql;
  conversationId: string;
  authorId: string;
  content: string;
  tokens: { count: number; encoding: string };
  /** undefined: continue the current leaf; null: a new root; an id: branch from that message (an edit). */
  parentId?: string | null;
  clientMessageId?: string;
  /** The caller's unsent uploads, claimed by the user message in the same transaction. */
  attachmentIds?: string[];
  /**
   * Files of another message of the conversation (the edited one), copied to the new user message: the author's own
   * files from then on, within their storage of `storageQuotaBytes`.
   */
  copiedFiles?: { ids: string[]; storageQuotaBytes: number };
  reply: ReplySnapshot;
  titleIfUntitled: { untitled: string; title: string };
  /** The new messages' ids, when the caller needs them before the write (lib/chat/early-upstream.ts). */
  ids?: { userId: string; replyId: string };
};

/** The user message carries its files, so that the `start` event shows them to every reader of the reply. */
export type StartedTurn = {
  userMessage: MessageView & { attachments?: AttachmentView[] };
  assistantMessage: MessageView;
  isDuplicate: boolean;
};

const userFiles = {
  attachments: { select: attachmentViewFields, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.MessageSelect;

type TurnPosition = {
  currentLeafId: string | null;
  parentId: string | null;
  parentRole: string | null;
  parentStatus: string | null;
  duplicateId: string | null;
  /** False when the lock waited for a turn that changed the conversation after this statement's snapshot. */
  isCurrent: boolean;
};

// A statement that finds its snapshot stale is repeated; each repeat follows a turn that did commit.
const MAX_ATTEMPTS = 10;

/**
 * One statement, one round trip (the path to the first token): it locks the conversation (of two tabs sending at
 * once, the second finds the first's reply being written and is refused), checks the writer's access again under
 * the lock (a member removed meanwhile writes nothing), finds where the new message goes and whether its clientMessageId was already used, and when all is
 * well inserts both messages and moves the conversation's leaf (and provisional title). A statement reads one
 * snapshot, taken before its lock was granted: when the lock waited for another turn, the rows that turn added are
 * not in it, so the statement writes nothing (`isCurrent` false: the row's version differs from the snapshot's) and
 * is run again with a new snapshot.
 */
function turnStatement(input: TurnInput, ids: { userId: string; replyId: string }): Prisma.Sql {
  const parentWanted = input.parentId === undefined ? Prisma.sql`l."currentLeafId"` : Prisma.sql`${input.parentId}`;
  const { modelId, modelVersion, parameters } = input.reply;
  const { count, encoding } = input.tokens;
  const messageFieldsSql = Prisma.sql`id, role::text AS role, content, status::text AS status, "parentId",
    "createdAt" AT TIME ZONE 'UTC' AS "createdAt"`;
  return Prisma.sql`
    WITH locked AS (
      SELECT c.id, c."currentLeafId", c.xmin::text AS version
        FROM "Conversation" c WHERE c.id = ${input.conversationId} AND ${input.scope} FOR UPDATE
    ), position AS (
      SELECT l.id, l."currentLeafId", p.id AS "parentId", p.role::text AS "parentRole", p.status::text AS "parentStatus",
             p.depth AS "parentDepth",
             p."threadTokens" AS "parentThreadTokens", d.id AS "duplicateId",
             l.version = (SELECT s.xmin::text FROM "Conversation" s WHERE s.id = l.id) AS "isCurrent",
             (${parentWanted})::text IS NULL OR p.id IS NOT NULL AS "hasParent"
        FROM locked l
        LEFT JOIN "Message" p ON p."conversationId" = l.id AND p.id = ${parentWanted}
        LEFT JOIN "Message" d ON d."conversationId" = l.id AND d."clientMessageId" = ${input.clientMessageId ?? null}
    ), writable AS (
      SELECT * FROM position
       WHERE "isCurrent" AND "duplicateId" IS NULL AND "hasParent" AND "parentRole" IS DISTINCT FROM 'USER'
         AND "parentStatus" IS DISTINCT FROM 'STREAMING'
    ), inserted AS (
      INSERT INTO "Message" (id, "conversationId", "parentId", role, content, "authorId", "clientMessageId",
                             "tokenCount", "tokenEncoding", depth, "threadTokens", status, "modelId", "modelVersion",
                             parameters, "ownerProcessId", "updatedAt")
      SELECT ${ids.userId}, w.id, w."parentId", 'USER'::"MessageRole", ${input.content}, ${input.authorId},
             ${input.clientMessageId ?? null}, ${count}::int, ${encoding}, COALESCE(w."parentDepth", -1) + 1,
             COALESCE(w."parentThreadTokens", 0) + ${count}::int, 'COMPLETE'::"MessageStatus", NULL, NULL, NULL::jsonb,
             NULL, now()
        FROM writable w
      UNION ALL
      SELECT ${ids.replyId}, w.id, ${ids.userId}, 'ASSISTANT'::"MessageRole", '', NULL, NULL, 0, NULL,
             COALESCE(w."parentDepth", -1) + 2, COALESCE(w."parentThreadTokens", 0) + ${count}::int,
             'STREAMING'::"MessageStatus", ${modelId}, ${modelVersion}::int, ${JSON.stringify(parameters)}::jsonb,
             ${currentProcessId()}, now()
        FROM writable w
      RETURNING ${messageFieldsSql}
    ), leaf AS (
      UPDATE "Conversation" c
         SET "currentLeafId" = ${ids.replyId}, "updatedAt" = now(),
             title = CASE WHEN c.title = ${input.titleIfUntitled.untitled} THEN ${input.titleIfUntitled.title} ELSE c.title END
       WHERE c.id = ${input.conversationId} AND EXISTS (SELECT 1 FROM writable)
    )
    SELECT position."currentLeafId", position."parentId", position."parentRole", position."parentStatus",
           position."duplicateId",
           position."isCurrent", i.id, i.role, i.content, i.status, i."parentId" AS "messageParentId", i."createdAt"
      FROM position LEFT JOIN inserted i ON true`;
}

function checkParent(input: TurnInput, position: TurnPosition) {
  const wantsParent = input.parentId === undefined ? position.currentLeafId !== null : input.parentId !== null;
  if (wantsParent && position.parentId === null) {
    throw new AppError("not_found", "The message to continue from was not found.");
  }
  if (position.parentRole === "USER")
    throw new AppError("invalid_input", "A message cannot answer another user message.");
  if (position.parentStatus === "STREAMING") throw replyInProgressError();
}

/**
 * A message below a reply still being written is refused: its context would hold that reply as far as it was saved
 * (or nothing), and its running token count the reply's start.
 */
export function replyInProgressError(): AppError {
  return new AppError(
    "reply_in_progress",
    "A reply is still being written here. Send once it has finished, or stop it.",
  );
}

type TurnStatementRow = TurnPosition & {
  id: string | null;
  role: MessageView["role"] | null;
  content: string | null;
  status: MessageView["status"] | null;
  messageParentId: string | null;
  createdAt: Date | null;
};
type RunStatement = (sql: Prisma.Sql) => Promise<TurnStatementRow[]>;

async function writeTurn(input: TurnInput, run: RunStatement): Promise<StartedTurn | { duplicateId: string }> {
  const ids = input.ids ?? { userId: createId(), replyId: createId() };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const rows = await run(turnStatement(input, ids));
    const [position] = rows;
    if (!position) throw new AppError("not_found", "Conversation not found.");
    if (!position.isCurrent) continue;
    if (position.duplicateId) return { duplicateId: position.duplicateId };
    checkParent(input, position);
    const created = rows.flatMap(({ id, role, content, status, messageParentId, createdAt }) =>
      id && role && content !== null && status && createdAt
        ? [{ id, role, content, status, parentId: messageParentId, createdAt }]
        : [],
    );
    const userMessage = created.find((message) => message.role === "USER");
    const assistantMessage = created.find((message) => message.role === "ASSISTANT");
    if (!userMessage || !assistantMessage) throw new Error("Creating the turn's messages returned no rows");
    return { userMessage, assistantMessage, isDuplicate: false };
  }
  throw new AppError("conversation_busy", "This conversation is busy with other messages. Try again.");
}

/**
 * One statement (turnStatement) on the pool, outside any transaction; with files, the statement and the claim of
 * the files share a transaction, so that a message never keeps files it did not get, nor the reverse.
 */
export async function startTurn(input: TurnInput): Promise<StartedTurn> {
  const claimsFiles = (input.attachmentIds?.length ?? 0) + (input.copiedFiles?.ids.length ?? 0) > 0;
  if (!claimsFiles) {
    const written = await writeTurn(input, (sql) => queryPrepared<TurnStatementRow>(sql));
    return "duplicateId" in written ? findDuplicateTurn(db(), written.duplicateId) : written;
  }
  return db().$transaction(async (tx) => {
    const written = await writeTurn(input, (sql) => tx.$queryRaw<TurnStatementRow[]>(sql));
    if ("duplicateId" in written) return findDuplicateTurn(tx, written.duplicateId);
    const attachments = await claimAttachments(tx, {
      ownerId: input.authorId,
      messageId: written.userMessage.id,
      ids: input.attachmentIds ?? [],
      copied: { ids: input.copiedFiles?.ids ?? [], quotaBytes: input.copiedFiles?.storageQuotaBytes ?? 0 },
    });
    return { ...written, userMessage: { ...written.userMessage, attachments } };
  });
}

async function findDuplicateTurn(client: Prisma.TransactionClient, userMessageId: string): Promise<StartedTurn> {
  const duplicate = await findTurn(client, userMessageId);
  if (!duplicate) throw new AppError("already_sent", "This message was already sent. Reload the conversation.");
  return { ...duplicate, isDuplicate: true };
}

type RegenerationRow = {
  isCurrent: boolean;
  userId: string | null;
  userRole: MessageView["role"];
  userContent: string;
  userStatus: MessageView["status"];
  userParentId: string | null;
  userCreatedAt: Date;
  attachments: AttachmentView[];
  id: string | null;
  role: MessageView["role"];
  content: string;
  status: MessageView["status"];
  parentId: string | null;
  createdAt: Date;
};

/**
 * One statement, like a new turn's (turnStatement): the conversation's lock (a regeneration and a new message never
 * interleave), the writer's access under it, the user message the reply answers (with its files, for the `start`
 * event), the new STREAMING reply beside the old one and the conversation's leaf. A snapshot made stale by a wait
 * for the lock writes nothing and is run again.
 */
function regenerationStatement(scope: Prisma.Sql, conversationId: string, replyId: string, reply: ReplySnapshot) {
  const { modelId, modelVersion, parameters } = reply;
  const newId = createId();
  return Prisma.sql`
    WITH locked AS (
      SELECT c.id, c.xmin::text AS version FROM "Conversation" c
       WHERE c.id = ${conversationId} AND ${scope} FOR UPDATE
    ), position AS (
      SELECT l.id AS "conversationId", l.version = (SELECT s.xmin::text FROM "Conversation" s WHERE s.id = l.id) AS "isCurrent",
             u.id AS "userId", u.role::text AS "userRole", u.content AS "userContent", u.status::text AS "userStatus",
             u."parentId" AS "userParentId", u."createdAt" AT TIME ZONE 'UTC' AS "userCreatedAt", u.depth,
             u."threadTokens"
        FROM locked l
        LEFT JOIN "Message" r ON r.id = ${replyId} AND r."conversationId" = l.id AND r.role = 'ASSISTANT'
        LEFT JOIN "Message" u ON u.id = r."parentId"
    ), writable AS (
      SELECT * FROM position WHERE "isCurrent" AND "userId" IS NOT NULL
    ), inserted AS (
      INSERT INTO "Message" (id, "conversationId", "parentId", role, content, status, "modelId", "modelVersion",
                             parameters, "ownerProcessId", depth, "threadTokens", "updatedAt")
      SELECT ${newId}, w."conversationId", w."userId", 'ASSISTANT'::"MessageRole", '', 'STREAMING'::"MessageStatus",
             ${modelId}, ${modelVersion}::int, ${JSON.stringify(parameters)}::jsonb, ${currentProcessId()},
             w.depth + 1, w."threadTokens", now()
        FROM writable w
      RETURNING id, role::text AS role, content, status::text AS status, "parentId",
                "createdAt" AT TIME ZONE 'UTC' AS "createdAt"
    ), leaf AS (
      UPDATE "Conversation" c SET "currentLeafId" = ${newId}, "updatedAt" = now()
       WHERE c.id = ${conversationId} AND EXISTS (SELECT 1 FROM writable)
    )
    SELECT p."isCurrent", p."userId", p."userRole", p."userContent", p."userStatus", p."userParentId",
           p."userCreatedAt",
           (SELECT coalesce(json_agg(json_build_object('id', f.id, 'name', f.name, 'kind', f.kind::text,
                     'contentType', f."contentType", 'size', f.size) ORDER BY f."createdAt", f.id), '[]')
              FROM "Attachment" f WHERE f."messageId" = p."userId") AS attachments,
           i.id, i.role, i.content, i.status, i."parentId", i."createdAt"
      FROM position p LEFT JOIN inserted i ON true`;
}

/** A new reply beside an existing one, under the same user message. */
export async function startRegeneration(
  scope: Prisma.Sql,
  conversationId: string,
  replyId: string,
  reply: ReplySnapshot,
): Promise<StartedTurn> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [row] = await queryPrepared<RegenerationRow>(regenerationStatement(scope, conversationId, replyId, reply));
    if (!row) throw new AppError("not_found", "Conversation not found.");
    if (!row.isCurrent) continue;
    if (!row.userId || !row.id) throw new AppError("not_found", "Reply not found.");
    const userMessage = {
      id: row.userId,
      role: row.userRole,
      content: row.userContent,
      status: row.userStatus,
      parentId: row.userParentId,
      createdAt: row.userCreatedAt,
      attachments: row.attachments,
    };
    const { id, role, content, status, parentId, createdAt } = row;
    return { userMessage, assistantMessage: { id, role, content, status, parentId, createdAt }, isDuplicate: false };
  }
  throw new AppError("conversation_busy", "This conversation is busy with other messages. Try again.");
}

async function findTurn(tx: Prisma.TransactionClient, userMessageId: string) {
  const userMessage = await tx.message.findUnique({
    where: { id: userMessageId },
    select: {
      ...messageFields,
      ...userFiles,
      children: { select: messageFields, orderBy: { createdAt: "asc" }, take: 1 },
    },
  });
  const [assistantMessage] = userMessage?.children ?? [];
  if (!userMessage || !assistantMessage) return null;
  const { children: _children, ...user } = userMessage;
  return { userMessage: user, assistantMessage };
}

export type FinishedReply = {
  content: string;
  status: Exclude<MessageStatus, "STREAMING">;
  finishReason: string | null;
  errorCode: string | null;
  errorCause: Prisma.InputJsonValue | null;
  usage: { promptTokens: number; completionTokens: number } | null;
  /** The model's thinking and how long it took; null when it showed none. */
  reasoning: { text: string; durationMs: number } | null;
  tokens: { count: number; encoding: string };
  manifest: Prisma.InputJsonValue | null;
  /** The reply's row in the usage ledger; null when the model was never reached (nothing to count). */
  ledger: SettledLedgerEntry | null;
};

/** One reply's usage (prisma/schema.prisma, ReplyUsage): team, model and version come from the reply's row. */
export type ReplyLedgerEntry = {
  userId: string;
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number | null;
  cachedTokens: number | null;
  isEstimated: boolean;
  timeToFirstTokenMs: number | null;
  timeToAnswerMs: number | null;
  durationMs: number;
  tokensPerSecond: number | null;
};

/** A ledger row with the usage reservation its turn settles after writing it (null: no limit applied). */
export type SettledLedgerEntry = ReplyLedgerEntry & { reservationId: string | null };

/**
 * The final write of a reply, and the conversation's updatedAt, in one (prepared) statement. Only a reply still
 * STREAMING is written, or one of this process's that another process took for dead and kept as INTERRUPTED (this
 * process could not renew its lease for a while: a database outage, a network partition) while it went on streaming:
 * the reply's own end is the truth, unless someone has written below it meanwhile (their turn was built on the text
 * the reply had then). The save clears the reply's owner, so that a retried save whose first try did commit (the
 * connection failed after COMMIT) matches nothing and adds nothing twice.
 */
export async function finishReply(id: string, reply: FinishedReply): Promise<void> {
  const manifest = reply.manifest === null ? null : JSON.stringify(reply.manifest);
  const errorCause = reply.errorCause === null ? null : JSON.stringify(reply.errorCause);
  await queryPrepared(Prisma.sql`
    WITH reply AS (
      UPDATE "Message"
         SET content = ${reply.content}, status = ${reply.status}::"MessageStatus", "finishReason" = ${reply.finishReason},
             "errorCode" = ${reply.errorCode}, "errorCause" = ${errorCause}::jsonb, "promptTokens" = ${reply.usage?.promptTokens ?? null}::int,
             "completionTokens" = ${reply.usage?.completionTokens ?? null}::int, "tokenCount" = ${reply.tokens.count}::int,
             "tokenEncoding" = ${reply.tokens.encoding}, "threadTokens" = "threadTokens" + ${reply.tokens.count}::int,
             "contextManifest" = COALESCE(${manifest}::jsonb, "contextManifest"), "updatedAt" = now(),
             reasoning = ${reply.reasoning?.text ?? null}, "reasoningMs" = ${reply.reasoning?.durationMs ?? null}::int,
             "ownerProcessId" = NULL
       WHERE id = ${id}
         AND (status = 'STREAMING' OR (status = 'INTERRUPTED' AND "ownerProcessId" = ${currentProcessId()}
              AND NOT EXISTS (SELECT 1 FROM "Message" c WHERE c."parentId" = ${id})))
      RETURNING id, "conversationId", "modelId", "modelVersion"
    ),
    conversation AS (
      UPDATE "Conversation" SET "updatedAt" = now() WHERE id = (SELECT "conversationId" FROM reply)
      RETURNING id, "teamId"
    )
    ${reply.ledger ? insertLedgerEntry(reply.ledger) : Prisma.sql`SELECT 1`}`);
}

// Part of the final save's statement: written only when the reply row was (still STREAMING), so exactly once, and
// only while the requester's account exists. An account deleted while its reply streamed in a team conversation
// takes its ledger with it (the foreign key cascades); its row here would fail the whole save and leave the reply
// STREAMING.
function insertLedgerEntry(entry: SettledLedgerEntry): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "ReplyUsage" (id, "messageId", "userId", "teamId", "modelId", "modelVersion", "promptTokens",
                              "completionTokens", "reasoningTokens", "cachedTokens", "isEstimated",
                              "timeToFirstTokenMs", "timeToAnswerMs", "durationMs", "tokensPerSecond",
                              "reservationId", "createdAt")
    SELECT ${createId()}, reply.id, ${entry.userId}, conversation."teamId", reply."modelId", reply."modelVersion",
           ${entry.promptTokens}::int, ${entry.completionTokens}::int, ${entry.reasoningTokens}::int,
           ${entry.cachedTokens}::int, ${entry.isEstimated}::boolean, ${entry.timeToFirstTokenMs}::int,
           ${entry.timeToAnswerMs}::int, ${entry.durationMs}::int, ${entry.tokensPerSecond}::double precision,
           ${entry.reservationId}, now() AT TIME ZONE 'UTC'
      FROM reply JOIN conversation ON conversation.id = reply."conversationId"
     WHERE EXISTS (SELECT 1 FROM "User" WHERE id = ${entry.userId} FOR KEY SHARE)`;
}

/**
 * When the final save failed for another reason than an outage (it is not retried): the reply ends as an error with
 * the text its partial saves kept, rather than staying STREAMING, which would hold its conversation (no message may
 * follow a reply being written) until the process restarts.
 */
export async function endReplyAfterFailedSave(id: string): Promise<void> {
  await db().message.updateMany({
    where: { id, status: "STREAMING" },
    data: { status: "ERROR", errorCode: "internal", finishReason: null },
  });
}

export async function setCurrentLeaf(conversationId: string, leafId: string): Promise<void> {
  await db().conversation.update({ where: { id: conversationId }, data: { currentLeafId: leafId } });
}
