// Replies being generated, as the caller may reach them: stop them, or re-attach to the newest, whichever app
// process generates them (lib/cluster carries the rest).
import { requireConversation } from "../access/conversation-access";
import type { SessionUser } from "../auth/session";
import { broadcast } from "../cluster/live-bus";
import { currentProcessId } from "../cluster/process-identity";
import { followRemoteReply } from "../cluster/remote-replies";
import { findRunningReply, type RunningReply } from "../db/process-leases";
import { recordStop } from "../db/reply-stops";
import type { LiveReply } from "./live-reply";
import { findLatestReply, stopReplies, stopRepliesOfRequester } from "./reply-registry";

/** The conversation was deleted (with a team, an account): its replies stop here and in every other process. */
export function stopRepliesEverywhere(conversationId: string): number {
  broadcast({ k: "stop", c: conversationId });
  return stopReplies(conversationId);
}

/**
 * The user's account was disabled or deleted: the replies they asked for stop wherever they run, each saved as
 * stopped (INTERRUPTED) with its text and its usage so far, and so do their /v1 completions (the caller's connection
 * is closed; the usage so far is recorded). A process whose bus was down meanwhile checks its requesters when it
 * reconnects (lib/cluster/start-cluster.ts).
 */
export function stopRepliesOfUserEverywhere(userId: string): void {
  broadcast({ k: "stopUser", u: userId });
  stopRepliesOfRequester(userId);
}

/**
 * A reader's Stop: recorded on the replies it is for, so that their owners stop them even if the bus's message is
 * lost (lib/db/reply-stops.ts), and a Stop that arrives late stops nothing newer. Returns how many it stopped.
 */
export async function stopConversationReplies(user: SessionUser, conversationId: string): Promise<number> {
  await requireConversation(user, "write", conversationId);
  const recorded = await recordStop(conversationId);
  const stoppedHere = stopReplies(conversationId);
  const elsewhere = recorded.filter((reply) => reply.ownerProcessId !== currentProcessId()).map((reply) => reply.id);
  broadcast({ k: "stopAsked", c: conversationId, r: elsewhere });
  return stoppedHere + elsewhere.length;
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
