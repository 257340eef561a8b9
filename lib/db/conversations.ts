// Conversations. Every query takes a where-scope from lib/access, so a caller only ever reaches what it may.
import { AppError } from "../errors";
import { db, type Prisma } from "./client";
import { decodeCursor, encodeCursor } from "./cursor";
import type { CompletionModel } from "./models";

const summaryFields = { id: true, title: true, modelId: true, updatedAt: true } as const;
export type ConversationSummary = Prisma.ConversationGetPayload<{ select: typeof summaryFields }>;

export const DEFAULT_TITLE = "New chat";
const PAGE_SIZE = 30;

export async function listConversations(
  scope: Prisma.ConversationWhereInput,
  cursor: string | undefined,
): Promise<{ items: Omit<ConversationSummary, "modelId">[]; nextCursor: string | null }> {
  const position = cursor ? decodeCursor(cursor) : null;
  if (cursor && !position) throw new AppError("invalid_input", "Invalid cursor.");
  const after: Prisma.ConversationWhereInput = position
    ? { OR: [{ updatedAt: { lt: position.at } }, { updatedAt: position.at, id: { lt: position.id } }] }
    : {};
  const rows = await db().conversation.findMany({
    where: { AND: [scope, after] },
    select: { id: true, title: true, updatedAt: true },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: PAGE_SIZE + 1,
  });
  const items = rows.slice(0, PAGE_SIZE);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.updatedAt, id: last.id }) : null,
  };
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
    select: {
      ...summaryFields,
      currentLeafId: true,
      systemPrompt: true,
      temperature: true,
      topP: true,
      maxTokens: true,
    },
  });
}

export async function getConversationOrThrow(scope: Prisma.ConversationWhereInput, id: string) {
  const conversation = await getConversation(scope, id);
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

export type ConversationChanges = {
  title?: string;
  modelId?: string;
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
};

export async function updateConversation(
  scope: Prisma.ConversationWhereInput,
  id: string,
  changes: ConversationChanges,
) {
  const { count } = await db().conversation.updateMany({ where: { AND: [scope, { id }] }, data: changes });
  if (count === 0) throw new AppError("not_found", "Conversation not found.");
  const { currentLeafId: _leaf, systemPrompt: _prompt, ...conversation } = await getConversationOrThrow(scope, id);
  return conversation;
}

export async function softDeleteConversation(scope: Prisma.ConversationWhereInput, id: string): Promise<void> {
  const { count } = await db().conversation.updateMany({
    where: { AND: [scope, { id }] },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw new AppError("not_found", "Conversation not found.");
}

type TurnRow = {
  id: string;
  currentLeafId: string | null;
  systemPrompt: string | null;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  model: CompletionModel | null;
};

/**
 * A conversation with everything a turn needs of its model, in one raw query: this runs before every reply,
 * where a compiled query costs more than the rest of the turn. `model` is null when the scope excludes it.
 */
export async function getConversationForTurn(conversationScope: Prisma.Sql, modelScope: Prisma.Sql, id: string) {
  const [conversation] = await db().$queryRaw<TurnRow[]>`
    SELECT c.id, c."currentLeafId", c."systemPrompt", c.temperature, c."topP", c."maxTokens",
           CASE WHEN m.id IS NULL THEN NULL ELSE json_build_object(
             'id', m.id, 'upstreamName', m."upstreamName", 'label', m.label, 'version', m.version,
             'contextWindow', m."contextWindow", 'maxOutputTokens', m."maxOutputTokens",
             'temperature', m.temperature, 'topP', m."topP", 'systemPrompt', m."systemPrompt",
             'allowUserParameters', m."allowUserParameters", 'minTemperature', m."minTemperature",
             'maxTemperature', m."maxTemperature",
             'provider', json_build_object('id', p.id, 'kind', p.kind, 'baseUrl', p."baseUrl",
                                           'apiKeyEncrypted', p."apiKeyEncrypted")) END AS model
      FROM "Conversation" c
      LEFT JOIN "Model" m ON m.id = c."modelId" AND ${modelScope}
      LEFT JOIN "Provider" p ON p.id = m."providerId"
     WHERE c.id = ${id} AND ${conversationScope}`;
  if (!conversation) throw new AppError("not_found", "Conversation not found.");
  return conversation;
}

/** Replaces the provisional title, unless the user renamed the conversation meanwhile. */
export async function setGeneratedTitle(id: string, provisionalTitle: string, title: string): Promise<void> {
  await db().conversation.updateMany({ where: { id, title: provisionalTitle }, data: { title } });
}
