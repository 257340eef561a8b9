// Writing a turn: the user message and an empty STREAMING reply in one transaction, partial saves at most about
// once a second, and the final reply once. Never a write per token.
import { currentProcessId } from "../cluster/process-identity";
import { AppError } from "../errors";
import { type AttachmentView, attachmentViewFields, claimAttachments } from "./attachments";
import { db, type MessageStatus, Prisma } from "./client";
import { createId } from "./ids";
import { type MessageView, messageFields } from "./messages";

type ReplySnapshot = { modelId: string; modelVersion: number; parameters: Prisma.InputJsonValue };

export type TurnInput = {
  /** The writer's access (lib/access), checked again under the lock: a member removed meanwhile writes nothing. */
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
  /** Files of another message of the conversation (the edited one), copied to the new user message. */
  copiedAttachmentIds?: string[];
  reply: ReplySnapshot;
  titleIfUntitled: { untitled: string; title: string };
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
  title: string;
  parentId: string | null;
  parentRole: string | null;
  parentDepth: number | null;
  parentThreadTokens: number | null;
  duplicateId: string | null;
};

/**
 * Locks the conversation (two tabs sending at once still form a valid chain), then reads where the new message
 * goes and whether its clientMessageId was already used. Two statements on purpose: a locking read that waited
 * re-reads the locked row but not the rows joined to it, so the join must come after the lock.
 */
async function lockForTurn(tx: Prisma.TransactionClient, input: TurnInput): Promise<TurnPosition> {
  await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE id = ${input.conversationId} FOR UPDATE`;
  const followsLeaf = input.parentId === undefined;
  const [position] = await tx.$queryRaw<TurnPosition[]>`
    SELECT c."currentLeafId", c.title, p.id AS "parentId", p.role::text AS "parentRole", p.depth AS "parentDepth",
           p."threadTokens" AS "parentThreadTokens", d.id AS "duplicateId"
      FROM "Conversation" c
      LEFT JOIN "Message" p ON p."conversationId" = c.id
       AND p.id = CASE WHEN ${followsLeaf} THEN c."currentLeafId" ELSE ${input.parentId ?? null} END
      LEFT JOIN "Message" d ON d."conversationId" = c.id AND d."clientMessageId" = ${input.clientMessageId ?? null}
     WHERE c.id = ${input.conversationId} AND ${input.scope}`;
  if (!position) throw new AppError("not_found", "Conversation not found.");
  return position;
}

function checkParent(input: TurnInput, position: TurnPosition) {
  const wantsParent = input.parentId === undefined ? position.currentLeafId !== null : input.parentId !== null;
  if (wantsParent && position.parentId === null) {
    throw new AppError("not_found", "The message to continue from was not found.");
  }
  if (position.parentRole === "USER")
    throw new AppError("invalid_input", "A message cannot answer another user message.");
  return { id: position.parentId, depth: position.parentDepth ?? -1, threadTokens: position.parentThreadTokens ?? 0 };
}

export async function startTurn(input: TurnInput): Promise<StartedTurn> {
  return db().$transaction(async (tx) => {
    const position = await lockForTurn(tx, input);
    if (position.duplicateId) {
      const duplicate = await findTurn(tx, position.duplicateId);
      if (duplicate) return { ...duplicate, isDuplicate: true };
    }
    const parent = checkParent(input, position);
    const created = await insertTurn(tx, input, parent, position.title === input.titleIfUntitled.untitled);
    const userMessage = created.find((message) => message.role === "USER");
    const assistantMessage = created.find((message) => message.role === "ASSISTANT");
    if (!userMessage || !assistantMessage) throw new Error("Creating the turn's messages returned no rows");
    const attachments = await claimAttachments(tx, {
      ownerId: input.authorId,
      messageId: userMessage.id,
      ids: input.attachmentIds ?? [],
      copiedIds: input.copiedAttachmentIds,
    });
    return { userMessage: { ...userMessage, attachments }, assistantMessage, isDuplicate: false };
  });
}

/**
 * Both messages and the conversation's new leaf (and provisional title) in one statement: this is on the path
 * to the first token, where every round trip and every compiled query shows.
 */
function insertTurn(
  tx: Prisma.TransactionClient,
  input: TurnInput,
  parent: { id: string | null; depth: number; threadTokens: number },
  isUntitled: boolean,
) {
  const userId = createId();
  const replyId = createId();
  const depth = parent.depth + 1;
  const threadTokens = parent.threadTokens + input.tokens.count;
  const { modelId, modelVersion, parameters } = input.reply;
  return tx.$queryRaw<MessageView[]>`
    WITH inserted AS (
      INSERT INTO "Message" (id, "conversationId", "parentId", role, content, "authorId", "clientMessageId",
                             "tokenCount", "tokenEncoding", depth, "threadTokens", status, "modelId", "modelVersion",
                             parameters, "ownerProcessId", "updatedAt")
      VALUES (${userId}, ${input.conversationId}, ${parent.id}, 'USER', ${input.content}, ${input.authorId},
              ${input.clientMessageId ?? null}, ${input.tokens.count}::int, ${input.tokens.encoding}, ${depth}::int,
              ${threadTokens}::int, 'COMPLETE', NULL, NULL, NULL, NULL, now()),
             (${replyId}, ${input.conversationId}, ${userId}, 'ASSISTANT', '', NULL, NULL, 0, NULL, ${depth + 1}::int,
              ${threadTokens}::int, 'STREAMING', ${modelId}, ${modelVersion}::int, ${JSON.stringify(parameters)}::jsonb,
              ${currentProcessId()}, now())
      RETURNING id, role::text AS role, content, status::text AS status, "parentId", "createdAt"
    ), leaf AS (
      UPDATE "Conversation"
         SET "currentLeafId" = ${replyId}, "updatedAt" = now(),
             title = CASE WHEN ${isUntitled} THEN ${input.titleIfUntitled.title} ELSE title END
       WHERE id = ${input.conversationId}
    )
    SELECT * FROM inserted`;
}

/** A new reply beside an existing one, under the same user message. */
export async function startRegeneration(
  scope: Prisma.Sql,
  conversationId: string,
  replyId: string,
  reply: ReplySnapshot,
) {
  return db().$transaction(async (tx) => {
    // The same lock as a turn: a regeneration and a new message never interleave.
    await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`;
    const [writable] = await tx.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM "Conversation" c WHERE c.id = ${conversationId} AND ${scope}`;
    if (!writable) throw new AppError("not_found", "Conversation not found.");
    const existing = await tx.message.findFirst({
      where: { id: replyId, conversationId, role: "ASSISTANT" },
      select: { parent: { select: { ...messageFields, ...userFiles, depth: true, threadTokens: true } } },
    });
    if (!existing?.parent) throw new AppError("not_found", "Reply not found.");
    const { depth, threadTokens, ...userMessage } = existing.parent;
    const assistantMessage = await tx.message.create({
      data: {
        ...reply,
        conversationId,
        parentId: userMessage.id,
        role: "ASSISTANT",
        content: "",
        status: "STREAMING",
        ownerProcessId: currentProcessId(),
        depth: depth + 1,
        threadTokens,
      },
      select: messageFields,
    });
    await tx.conversation.update({ where: { id: conversationId }, data: { currentLeafId: assistantMessage.id } });
    return { userMessage, assistantMessage, isDuplicate: false };
  });
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

/** Runs about once a second per live reply: raw SQL, like the rest of the hot path (no query planning per call). */
export async function savePartialReply(id: string, content: string): Promise<void> {
  await db()
    .$executeRaw`UPDATE "Message" SET content = ${content}, "updatedAt" = now() WHERE id = ${id} AND status = 'STREAMING'`;
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
  ledger: ReplyLedgerEntry | null;
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

/**
 * The final write of a reply, and the conversation's updatedAt, in one statement. Only a reply still STREAMING is
 * written, so that a retried save whose first try did commit (the connection failed after COMMIT) adds nothing twice.
 */
export async function finishReply(id: string, reply: FinishedReply): Promise<void> {
  const manifest = reply.manifest === null ? null : JSON.stringify(reply.manifest);
  const errorCause = reply.errorCause === null ? null : JSON.stringify(reply.errorCause);
  await db().$executeRaw`
    WITH reply AS (
      UPDATE "Message"
         SET content = ${reply.content}, status = ${reply.status}::"MessageStatus", "finishReason" = ${reply.finishReason},
             "errorCode" = ${reply.errorCode}, "errorCause" = ${errorCause}::jsonb, "promptTokens" = ${reply.usage?.promptTokens ?? null}::int,
             "completionTokens" = ${reply.usage?.completionTokens ?? null}::int, "tokenCount" = ${reply.tokens.count}::int,
             "tokenEncoding" = ${reply.tokens.encoding}, "threadTokens" = "threadTokens" + ${reply.tokens.count}::int,
             "contextManifest" = COALESCE(${manifest}::jsonb, "contextManifest"), "updatedAt" = now(),
             reasoning = ${reply.reasoning?.text ?? null}, "reasoningMs" = ${reply.reasoning?.durationMs ?? null}::int
       WHERE id = ${id} AND status = 'STREAMING'
      RETURNING id, "conversationId", "modelId", "modelVersion"
    ),
    conversation AS (
      UPDATE "Conversation" SET "updatedAt" = now() WHERE id = (SELECT "conversationId" FROM reply)
      RETURNING id, "teamId"
    )
    ${reply.ledger ? insertLedgerEntry(reply.ledger) : Prisma.sql`SELECT 1`}`;
}

// Part of the final save's statement: written only when the reply row was (still STREAMING), so exactly once.
function insertLedgerEntry(entry: ReplyLedgerEntry): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "ReplyUsage" (id, "messageId", "userId", "teamId", "modelId", "modelVersion", "promptTokens",
                              "completionTokens", "reasoningTokens", "cachedTokens", "isEstimated",
                              "timeToFirstTokenMs", "timeToAnswerMs", "durationMs", "tokensPerSecond", "createdAt")
    SELECT ${createId()}, reply.id, ${entry.userId}, conversation."teamId", reply."modelId", reply."modelVersion",
           ${entry.promptTokens}::int, ${entry.completionTokens}::int, ${entry.reasoningTokens}::int,
           ${entry.cachedTokens}::int, ${entry.isEstimated}, ${entry.timeToFirstTokenMs}::int,
           ${entry.timeToAnswerMs}::int, ${entry.durationMs}::int, ${entry.tokensPerSecond}::double precision,
           now() AT TIME ZONE 'UTC'
      FROM reply JOIN conversation ON conversation.id = reply."conversationId"`;
}

export async function setCurrentLeaf(conversationId: string, leafId: string): Promise<void> {
  await db().conversation.update({ where: { id: conversationId }, data: { currentLeafId: leafId } });
}
