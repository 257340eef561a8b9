// Conversation use cases for route handlers: each applies the caller's access scope.
import { z } from "zod";
import { deleteConversationWithStreams } from "../access/access-changes";
import { requireConversation } from "../access/conversation-access";
import {
  ownConversationsSql,
  ownConversationsWhere,
  readableConversationsSql,
  restorableConversationsSql,
  sharedWithMeConversationsSql,
} from "../access/conversations";
import { conversationModelsWhere, usableModelsWhere } from "../access/models";
import type { SessionUser } from "../auth/session";
import { assertWithinBounds, parameterOverridesSchema } from "../chat/parameters";
import { systemPromptSchema } from "../chat/system-prompt";
import { searchConversations } from "../db/conversation-search";
import {
  createConversation,
  listConversations,
  restoreConversation,
  setPinned,
  updateConversation,
} from "../db/conversations";
import { getDefaultModelId, getModelForCompletion, isModelInScope, listUsableModels } from "../db/models";
import { listSharedConversations } from "../db/shared-conversations";
import { AppError } from "../errors";
import { MAX_TITLE_LENGTH } from "../limits";

const titleSchema = z
  .string()
  .trim()
  .min(1, "Enter a title.")
  .max(MAX_TITLE_LENGTH, `Use at most ${MAX_TITLE_LENGTH} characters.`);

export const createConversationSchema = z.strictObject({
  title: titleSchema.optional(),
  modelId: z.string().max(40).optional(),
  systemPrompt: systemPromptSchema.optional(),
});
export const updateConversationSchema = z.strictObject({
  title: titleSchema.optional(),
  modelId: z.string().max(40).optional(),
  pinned: z.boolean().optional(),
  systemPrompt: systemPromptSchema.optional(),
  ...parameterOverridesSchema,
});
export const searchTextSchema = z.string().trim().min(1, "Enter something to search for.").max(200);

// How long after deleting a conversation "Undo" can still bring it back; past it, the clean-up sweep removes it for
// good (lib/server/clean-up-sweep.ts).
export const RESTORE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The models the caller may pick: for a new chat, or (with `conversationId`) for that conversation. */
export async function listMyModels(user: SessionUser, conversationId?: string) {
  if (!conversationId) return listUsableModels(usableModelsWhere(user.id));
  const conversation = await requireConversation(user, "read", conversationId);
  return listUsableModels(conversationModelsWhere(user.id, conversation.teamId));
}

/** The caller's own conversations (shared ones among them); team members find the others in the team's history. */
export function listMyConversations(user: SessionUser, cursor: string | undefined) {
  return listConversations(ownConversationsSql(user.id), cursor);
}

/** The conversations others shared with the caller's teams, by team: the sidebar's "Shared with me". */
export function listSharedWithMe(user: SessionUser) {
  return listSharedConversations(sharedWithMeConversationsSql(user.id));
}

/** What the caller may read: their own conversations and those other members shared with the caller's teams. */
export async function searchMyConversations(user: SessionUser, text: string) {
  const hits = await searchConversations(readableConversationsSql(user.id), text);
  return hits.map(({ ownerId, ownerName, teamName, pinnedAt, ...hit }) => {
    // A pin is the owner's arrangement of their own list, not shown to the rest of the team.
    if (ownerId === user.id) return { ...hit, pinnedAt, sharedBy: null };
    return { ...hit, pinnedAt: null, sharedBy: { ownerName, teamName } };
  });
}

export async function startConversation(user: SessionUser, input: z.infer<typeof createConversationSchema>) {
  if (input.modelId && !(await isModelInScope(usableModelsWhere(user.id), input.modelId))) {
    throw new AppError("not_found", "Model not found.");
  }
  const modelId = input.modelId ?? (await getDefaultModelId(usableModelsWhere(user.id)));
  if (!modelId) throw new AppError("model_unavailable", "No model is available. Ask an admin to enable one.");
  return createConversation({ ownerId: user.id, title: input.title, modelId, systemPrompt: input.systemPrompt });
}

export async function updateMyConversation(
  user: SessionUser,
  id: string,
  input: z.infer<typeof updateConversationSchema>,
) {
  const conversation = await requireConversation(user, "own", id);
  const { title, pinned, modelId, systemPrompt, ...parameters } = input;
  if (modelId !== undefined || Object.values(parameters).some((value) => value !== undefined)) {
    const nextModelId = modelId ?? conversation.modelId;
    const model = nextModelId
      ? await getModelForCompletion(conversationModelsWhere(user.id, conversation.teamId), nextModelId)
      : null;
    if (!model && modelId !== undefined) throw new AppError("not_found", "Model not found.");
    if (!model) throw new AppError("model_unavailable", "This conversation's model is not available.");
    // Checked against the model the conversation moves to; stored values it does not allow fall back to its
    // defaults (lib/chat/parameters.ts).
    assertWithinBounds(model, parameters);
  }
  if (pinned !== undefined) await setPinned(ownConversationsSql(user.id), user.id, id, pinned);
  return updateConversation(ownConversationsWhere(user.id), id, { title, modelId, systemPrompt, ...parameters });
}

export async function deleteMyConversation(user: SessionUser, id: string): Promise<void> {
  await requireConversation(user, "own", id);
  await deleteConversationWithStreams(ownConversationsSql(user.id), id);
}

export function restoreMyConversation(user: SessionUser, id: string) {
  return restoreConversation(restorableConversationsSql(user.id, new Date(Date.now() - RESTORE_WINDOW_MS)), id);
}
