// Replies being generated, as the caller may reach them: stop them, or re-attach to the newest.
import { requireConversation } from "../access/conversation-access";
import type { SessionUser } from "../auth/session";
import type { LiveReply } from "./live-reply";
import { findLatestReply, stopReplies } from "./reply-registry";

export async function stopConversationReplies(user: SessionUser, conversationId: string): Promise<number> {
  await requireConversation(user, "write", conversationId);
  return stopReplies(conversationId);
}

export async function findLiveReply(user: SessionUser, conversationId: string): Promise<LiveReply | undefined> {
  await requireConversation(user, "read", conversationId);
  return findLatestReply(conversationId);
}
