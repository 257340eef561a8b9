// Conversation use cases for route handlers: each applies the caller's access scope.
import { z } from "zod";
import { readableConversationsWhere, writableConversationsWhere } from "../access/conversations";
import type { SessionUser } from "../auth/session";
import {
  createConversation,
  getConversationOrThrow,
  listConversations,
  renameConversation,
  softDeleteConversation,
} from "../db/conversations";
import { getThread } from "../db/messages";
import { getDefaultModelId, isModelUsable } from "../db/models";
import { AppError } from "../errors";

const titleSchema = z.string().trim().min(1, "Enter a title.").max(200, "Use at most 200 characters.");

export const createConversationSchema = z.strictObject({
  title: titleSchema.optional(),
  modelId: z.string().max(40).optional(),
});
export const renameConversationSchema = z.strictObject({ title: titleSchema });

export function listMyConversations(user: SessionUser, cursor: string | undefined) {
  return listConversations(readableConversationsWhere(user.id), cursor);
}

export async function startConversation(user: SessionUser, input: z.infer<typeof createConversationSchema>) {
  const modelId = input.modelId ?? (await getDefaultModelId());
  if (!modelId || !(await isModelUsable(modelId))) {
    throw new AppError("model_unavailable", "No model is available. Ask an admin to enable one.");
  }
  return createConversation({ ownerId: user.id, title: input.title, modelId });
}

export async function getConversationWithThread(user: SessionUser, id: string) {
  const conversation = await getConversationOrThrow(readableConversationsWhere(user.id), id);
  const messages = await getThread(id, conversation.currentLeafId);
  return {
    id: conversation.id,
    title: conversation.title,
    modelId: conversation.modelId,
    updatedAt: conversation.updatedAt,
    messages,
  };
}

export function renameMyConversation(user: SessionUser, id: string, title: string) {
  return renameConversation(writableConversationsWhere(user.id), id, title);
}

export function deleteMyConversation(user: SessionUser, id: string) {
  return softDeleteConversation(writableConversationsWhere(user.id), id);
}
