// Conversations. Every query takes a where-scope from lib/access, so a caller only ever reaches what it may.
import { AppError } from "../errors";
import { db, type Prisma } from "./client";

const summaryFields = { id: true, title: true, modelId: true, updatedAt: true } as const;
export type ConversationSummary = Prisma.ConversationGetPayload<{ select: typeof summaryFields }>;

export const DEFAULT_TITLE = "New chat";
const PAGE_SIZE = 30;

export async function listConversations(
  scope: Prisma.ConversationWhereInput,
  cursor: string | undefined,
): Promise<{ items: Omit<ConversationSummary, "modelId">[]; nextCursor: string | null }> {
  const rows = await db().conversation.findMany({
    where: scope,
    select: { id: true, title: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
  });
  const hasMore = rows.length > PAGE_SIZE;
  const items = hasMore ? rows.slice(0, PAGE_SIZE) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
}

export async function createConversation(input: {
  ownerId: string;
  title?: string;
  modelId: string;
}): Promise<ConversationSummary> {
  return db().conversation.create({
    data: { ownerId: input.ownerId, modelId: input.modelId, title: input.title ?? DEFAULT_TITLE },
    select: summaryFields,
  });
}

export async function getConversation(scope: Prisma.ConversationWhereInput, id: string) {
  return db().conversation.findFirst({
    where: { AND: [scope, { id }] },
    select: { ...summaryFields, currentLeafId: true, systemPrompt: true, temperature: true },
  });
}

export async function getConversationOrThrow(scope: Prisma.ConversationWhereInput, id: string) {
  const conversation = await getConversation(scope, id);
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

export async function renameConversation(scope: Prisma.ConversationWhereInput, id: string, title: string) {
  const { count } = await db().conversation.updateMany({ where: { AND: [scope, { id }] }, data: { title } });
  if (count === 0) throw new AppError("not_found", "Conversation not found.");
  return getConversationOrThrow(scope, id);
}

export async function softDeleteConversation(scope: Prisma.ConversationWhereInput, id: string): Promise<void> {
  const { count } = await db().conversation.updateMany({
    where: { AND: [scope, { id }] },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "Conversation not found.");
}
