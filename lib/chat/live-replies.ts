// Replies being generated, as the caller may reach them: stop them, or re-attach to the newest.
import { readableConversationsWhere, writableConversationsWhere } from "../access/conversations";
import type { SessionUser } from "../auth/session";
import { getConversationOrThrow } from "../db/conversations";
import type { Generation } from "./generation";
import { findLatestGeneration, stopGenerations } from "./generation-registry";

export async function stopConversationReplies(user: SessionUser, conversationId: string): Promise<number> {
  await getConversationOrThrow(writableConversationsWhere(user.id), conversationId);
  return stopGenerations(conversationId);
}

export async function findLiveReply(user: SessionUser, conversationId: string): Promise<Generation | undefined> {
  await getConversationOrThrow(readableConversationsWhere(user.id), conversationId);
  return findLatestGeneration(conversationId);
}
