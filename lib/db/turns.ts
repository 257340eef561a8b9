// Writing a turn: the user message and an empty STREAMING reply in one transaction, partial saves at most about
// once a second, and the final reply once. Never a write per token.
import { AppError } from "../errors";
import { db, type MessageStatus, type Prisma } from "./client";
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

// Serialises writers of one conversation (two tabs sending at once still form a valid chain).
async function lockConversation(tx: Prisma.TransactionClient, conversationId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Conversation" WHERE id = ${conversationId} FOR UPDATE`;
  return tx.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { currentLeafId: true, title: true },
  });
}

async function getParentPosition(tx: Prisma.TransactionClient, conversationId: string, parentId: string | null) {
  if (!parentId) return { depth: -1, threadTokens: 0 };
  const parent = await tx.message.findFirst({
    where: { id: parentId, conversationId },
    select: { role: true, depth: true, threadTokens: true },
  });
  if (!parent) throw new AppError("not_found", "The message to continue from was not found.");
  if (parent.role === "USER") throw new AppError("invalid_input", "A message cannot answer another user message.");
  return parent;
}

function createReply(
  tx: Prisma.TransactionClient,
  conversationId: string,
  parent: { id: string; depth: number; threadTokens: number },
  reply: ReplySnapshot,
) {
  return tx.message.create({
    data: {
      conversationId,
      parentId: parent.id,
      role: "ASSISTANT",
      content: "",
      status: "STREAMING",
      depth: parent.depth + 1,
      threadTokens: parent.threadTokens,
      ...reply,
    },
    select: messageFields,
  });
}

export async function startTurn(input: TurnInput): Promise<StartedTurn> {
  return db().$transaction(async (tx) => {
    const conversation = await lockConversation(tx, input.conversationId);
    const duplicate = input.clientMessageId
      ? await findTurnByClientId(tx, input.conversationId, input.clientMessageId)
      : null;
    if (duplicate) return { ...duplicate, isDuplicate: true };

    const parentId = input.parentId === undefined ? conversation.currentLeafId : input.parentId;
    const parent = await getParentPosition(tx, input.conversationId, parentId);
    const userMessage = await tx.message.create({
      data: {
        conversationId: input.conversationId,
        parentId,
        role: "USER",
        content: input.content,
        authorId: input.authorId,
        clientMessageId: input.clientMessageId,
        tokenCount: input.tokens.count,
        tokenEncoding: input.tokens.encoding,
        depth: parent.depth + 1,
        threadTokens: parent.threadTokens + input.tokens.count,
      },
      select: { ...messageFields, depth: true, threadTokens: true },
    });
    const assistantMessage = await createReply(tx, input.conversationId, userMessage, input.reply);
    const isUntitled = conversation.title === input.titleIfUntitled.untitled;
    await tx.conversation.update({
      where: { id: input.conversationId },
      data: { currentLeafId: assistantMessage.id, ...(isUntitled ? { title: input.titleIfUntitled.title } : {}) },
    });
    const { depth: _depth, threadTokens: _threadTokens, ...user } = userMessage;
    return { userMessage: user, assistantMessage, isDuplicate: false };
  });
}

/** A new reply beside an existing one, under the same user message. */
export async function startRegeneration(conversationId: string, replyId: string, reply: ReplySnapshot) {
  return db().$transaction(async (tx) => {
    await lockConversation(tx, conversationId);
    const existing = await tx.message.findFirst({
      where: { id: replyId, conversationId, role: "ASSISTANT" },
      select: { parent: { select: { ...messageFields, depth: true, threadTokens: true } } },
    });
    if (!existing?.parent) throw new AppError("not_found", "Reply not found.");
    const assistantMessage = await createReply(tx, conversationId, existing.parent, reply);
    await tx.conversation.update({ where: { id: conversationId }, data: { currentLeafId: assistantMessage.id } });
    const { depth: _depth, threadTokens: _threadTokens, ...userMessage } = existing.parent;
    return { userMessage, assistantMessage, isDuplicate: false };
  });
}

async function findTurnByClientId(tx: Prisma.TransactionClient, conversationId: string, clientMessageId: string) {
  const userMessage = await tx.message.findUnique({
    where: { conversationId_clientMessageId: { conversationId, clientMessageId } },
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
