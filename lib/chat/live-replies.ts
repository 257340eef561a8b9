// Replies being generated, as the caller may reach them: stop them, or re-attach to the newest, whichever app
// process generates them (lib/cluster carries the rest).
import { requireConversation } from "../access/conversation-access";
import type { SessionUser } from "../auth/session";
import { broadcast } from "../cluster/live-bus";
import { currentProcessId } from "../cluster/process-identity";
import { followRemoteReply } from "../cluster/remote-replies";
import { findRunningReply, type RunningReply } from "../db/process-leases";
import type { LiveReply } from "./live-reply";
import { findLatestReply, stopReplies } from "./reply-registry";

/** Stops the conversation's replies here and in every other process (each stops those it runs). */
export function stopRepliesEverywhere(conversationId: string): number {
  broadcast({ k: "stop", c: conversationId });
  return stopReplies(conversationId);
}

export async function stopConversationReplies(user: SessionUser, conversationId: string): Promise<number> {
  await requireConversation(user, "write", conversationId);
  // Looked up before the stop goes out: the owner may have saved the stopped reply by the time an answer comes back.
  const elsewhere = await findRunningElsewhere(conversationId);
  const stopped = stopRepliesEverywhere(conversationId);
  return stopped > 0 || !elsewhere ? stopped : 1;
}

async function findRunningElsewhere(conversationId: string): Promise<RunningReply | null> {
  const running = await findRunningReply(conversationId);
  return running && running.ownerProcessId !== currentProcessId() ? running : null;
}

export async function findLiveReply(user: SessionUser, conversationId: string): Promise<LiveReply | undefined> {
  await requireConversation(user, "read", conversationId);
  const here = findLatestReply(conversationId);
  if (here) return here;
  const elsewhere = await findRunningElsewhere(conversationId);
  return elsewhere ? followRemoteReply(conversationId, elsewhere.id, elsewhere.ownerProcessId) : undefined;
}

/** The id of the reply running in the conversation, in this process or another, for a watch. */
export async function findRunningReplyId(user: SessionUser, conversationId: string): Promise<string | undefined> {
  await requireConversation(user, "read", conversationId);
  const here = findLatestReply(conversationId);
  if (here && !here.finished) return here.assistantMessageId;
  return (await findRunningElsewhere(conversationId))?.id;
}
