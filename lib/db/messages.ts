// Messages: a tree per conversation. A turn's writes are one transaction; a reply is written at most about once
// a second while it streams and once at the end, never per token.
import { db, type MessageRole, type MessageStatus, type Prisma } from "./client";

export const messageFields = {
  id: true,
  role: true,
  content: true,
  status: true,
  parentId: true,
  createdAt: true,
} as const;
export type MessageView = Prisma.MessageGetPayload<{ select: typeof messageFields }>;

/** The path from a leaf up to the root, oldest first: what the user sees and what the model is sent. */
export async function getThread(conversationId: string, leafId: string | null): Promise<MessageView[]> {
  if (!leafId) return [];
  const rows = await db().$queryRaw<MessageView[]>`
    WITH RECURSIVE thread AS (
      SELECT id, role, content, status, "parentId", "createdAt", 0 AS depth
        FROM "Message" WHERE id = ${leafId} AND "conversationId" = ${conversationId}
      UNION ALL
      SELECT m.id, m.role, m.content, m.status, m."parentId", m."createdAt", thread.depth + 1
        FROM "Message" m JOIN thread ON m.id = thread."parentId"
    )
    SELECT id, role::text AS role, content, status::text AS status, "parentId", "createdAt"
      FROM thread ORDER BY depth DESC`;
  return rows;
}

export type TurnInput = {
  conversationId: string;
  authorId: string;
  content: string;
  clientMessageId?: string;
  model: { id: string; version: number };
  parameters: Prisma.InputJsonValue;
  titleIfUntitled: { untitled: string; title: string };
};

export type StartedTurn = { userMessage: MessageView; assistantMessage: MessageView; isDuplicate: boolean };

/**
 * Saves the user message and an empty STREAMING reply under the conversation's current leaf, in one
 * transaction. The conversation row is locked so that two tabs sending at once still form a valid chain.
 * A repeated clientMessageId returns the turn it already created.
 */
export async function startTurn(input: TurnInput): Promise<StartedTurn> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE id = ${input.conversationId} FOR UPDATE`;
    const duplicate = input.clientMessageId ? await findTurnByClientId(tx, input) : null;
    if (duplicate) return { ...duplicate, isDuplicate: true };

    const conversation = await tx.conversation.findUniqueOrThrow({
      where: { id: input.conversationId },
      select: { currentLeafId: true, title: true },
    });
    const userMessage = await tx.message.create({
      data: {
        conversationId: input.conversationId,
        parentId: conversation.currentLeafId,
        role: "USER",
        content: input.content,
        authorId: input.authorId,
        clientMessageId: input.clientMessageId,
      },
      select: messageFields,
    });
    const assistantMessage = await tx.message.create({
      data: {
        conversationId: input.conversationId,
        parentId: userMessage.id,
        role: "ASSISTANT",
        content: "",
        status: "STREAMING",
        modelId: input.model.id,
        modelVersion: input.model.version,
        parameters: input.parameters,
      },
      select: messageFields,
    });
    const isUntitled = conversation.title === input.titleIfUntitled.untitled;
    await tx.conversation.update({
      where: { id: input.conversationId },
      data: { currentLeafId: assistantMessage.id, ...(isUntitled ? { title: input.titleIfUntitled.title } : {}) },
    });
    return { userMessage, assistantMessage, isDuplicate: false };
  });
}

async function findTurnByClientId(tx: Prisma.TransactionClient, input: TurnInput) {
  const userMessage = await tx.message.findUnique({
    where: {
      conversationId_clientMessageId: {
        conversationId: input.conversationId,
        clientMessageId: input.clientMessageId ?? "",
      },
    },
    select: { ...messageFields, children: { select: messageFields, orderBy: { createdAt: "asc" }, take: 1 } },
  });
  if (!userMessage?.children[0]) return null;
  const { children, ...user } = userMessage;
  return { userMessage: user, assistantMessage: children[0] as MessageView };
}

export async function getMessage(conversationId: string, id: string): Promise<MessageView | null> {
  return db().message.findFirst({ where: { id, conversationId }, select: messageFields });
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
      },
    }),
    db().conversation.update({ where: { id: conversationId }, data: { updatedAt: new Date() } }),
  ]);
}

/** After a crash no process is streaming anything: replies left STREAMING are kept as INTERRUPTED. */
export async function interruptOrphanedReplies(): Promise<number> {
  const { count } = await db().message.updateMany({
    where: { status: "STREAMING" },
    data: { status: "INTERRUPTED", finishReason: "interrupted" },
  });
  return count;
}

export type { MessageRole };
