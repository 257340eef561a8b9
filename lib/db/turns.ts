// Writing a turn: the user message and an empty STREAMING reply in one transaction, partial saves at most about
// once a second, and the final reply once. Never a write per token.
import { AppError } from "../errors";
import { db, type MessageStatus, type Prisma } from "./client";
import { createId } from "./ids";
import { type MessageView, messageFields } from "./messages";

type ReplySnapshot = { modelId: string; modelVersion: number; parameters: Prisma.InputJsonValue };

export type TurnInput = {
  conversationId: string;
  authorId: string;
  content: string;
  tokens: { count: number; encoding: string };
  /** undefined: continue the current leaf; null: a new root; an id: branch from that message (an edit). */
  parentId?: string | null;
  clientMessageId?: string;
  reply: ReplySnapshot;
  titleIfUntitled: { untitled: string; title: string };
};

export type StartedTurn = { userMessage: MessageView; assistantMessage: MessageView; isDuplicate: boolean };

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
     WHERE c.id = ${input.conversationId}`;
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
    const userMessageId = createId();
    const common = { conversationId: input.conversationId, depth: parent.depth + 1 };
    const threadTokens = parent.threadTokens + input.tokens.count;
    const created = await tx.message.createManyAndReturn({
      data: [
        {
          ...common,
          id: userMessageId,
          parentId: parent.id,
          role: "USER",
          content: input.content,
          authorId: input.authorId,
          clientMessageId: input.clientMessageId,
          tokenCount: input.tokens.count,
          tokenEncoding: input.tokens.encoding,
          threadTokens,
        },
        {
          ...common,
          ...input.reply,
          id: createId(),
          parentId: userMessageId,
          role: "ASSISTANT",
          content: "",
          status: "STREAMING",
          depth: common.depth + 1,
          threadTokens,
        },
      ],
      select: messageFields,
    });
    const userMessage = created.find((message) => message.id === userMessageId);
    const assistantMessage = created.find((message) => message.id !== userMessageId);
    if (!userMessage || !assistantMessage) throw new Error("Creating the turn's messages returned no rows");
    const isUntitled = position.title === input.titleIfUntitled.untitled;
    await tx.conversation.update({
      where: { id: input.conversationId },
      data: { currentLeafId: assistantMessage.id, ...(isUntitled ? { title: input.titleIfUntitled.title } : {}) },
    });
    return { userMessage, assistantMessage, isDuplicate: false };
  });
}

/** A new reply beside an existing one, under the same user message. */
export async function startRegeneration(conversationId: string, replyId: string, reply: ReplySnapshot) {
  return db().$transaction(async (tx) => {
    // The same lock as a turn: a regeneration and a new message never interleave.
    await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`;
    const existing = await tx.message.findFirst({
      where: { id: replyId, conversationId, role: "ASSISTANT" },
      select: { parent: { select: { ...messageFields, depth: true, threadTokens: true } } },
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
    select: { ...messageFields, children: { select: messageFields, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  const [assistantMessage] = userMessage?.children ?? [];
  if (!userMessage || !assistantMessage) return null;
  const { children: _children, ...user } = userMessage;
  return { userMessage: user, assistantMessage };
}

export async function savePartialReply(id: string, content: string): Promise<void> {
  await db().message.updateMany({ where: { id, status: "STREAMING" }, data: { content } });
}

export type FinishedReply = {
  content: string;
  status: Exclude<MessageStatus, "STREAMING">;
  finishReason: string | null;
  errorCode: string | null;
  usage: { promptTokens: number; completionTokens: number } | null;
  tokens: { count: number; encoding: string };
  manifest: Prisma.InputJsonValue | null;
};

export async function finishReply(conversationId: string, id: string, reply: FinishedReply): Promise<void> {
  await db().$transaction([
    db().message.update({
      where: { id },
      data: {
        content: reply.content,
        status: reply.status,
        finishReason: reply.finishReason,
        errorCode: reply.errorCode,
        promptTokens: reply.usage?.promptTokens ?? null,
        completionTokens: reply.usage?.completionTokens ?? null,
        tokenCount: reply.tokens.count,
        tokenEncoding: reply.tokens.encoding,
        threadTokens: { increment: reply.tokens.count },
        contextManifest: reply.manifest ?? undefined,
      },
    }),
    db().conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } }),
  ]);
}

export async function setCurrentLeaf(conversationId: string, leafId: string): Promise<void> {
  await db().conversation.update({ where: { id: conversationId }, data: { currentLeafId: leafId } });
}

/** After a crash no process is streaming anything: replies left STREAMING are kept as INTERRUPTED. */
export async function interruptOrphanedReplies(): Promise<number> {
  const { count } = await db().message.updateMany({
    where: { status: "STREAMING" },
    data: { status: "INTERRUPTED", finishReason: "interrupted" },
  });
  return count;
}
