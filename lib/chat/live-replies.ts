// Replies being generated, as the caller may reach them: stop them, or re-attach to the newest.
import { requireConversation } from "../access/conversation-access";
import type { SessionUser } from "../auth/session";
import type { Generation } from "./generation";
import { findLatestGeneration, stopGenerations } from "./generation-registry";

export async function stopConversationReplies(user: SessionUser, conversationId: string): Promise<number> {
  await requireConversation(user, "write", conversationId);
  return stopGenerations(conversationId);
}

export async function findLiveReply(user: SessionUser, conversationId: string): Promise<Generation | undefined> {
  await requireConversation(user, "read", conversationId);
  return findLatestGeneration(conversationId);
}
