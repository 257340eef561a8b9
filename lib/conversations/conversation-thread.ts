// Reading a conversation's thread: the page that opens it (at its current thread, or at a message asked for by id),
// older pages above it, and switching the version shown. Each applies the caller's access scope first.
import { requireConversation } from "../access/conversation-access";
import { idSchema } from "../access/ids";
import type { SessionUser } from "../auth/session";
import { findLeafThroughMessage } from "../db/leaf-through-message";
import { findNewestLeaf, getOlderThreadPage, getThreadPage } from "../db/messages";
import { setCurrentLeaf } from "../db/turns";
import { describeSharing } from "../teams/team-sharing";

// `?message=` of the conversation's page and API. An id that names no message of this conversation, whatever the
// reason (malformed, another conversation's, gone), opens it as it is: the answer says nothing about other rows.
export const messageParameterSchema = idSchema.optional().catch(undefined);

/**
 * The conversation with its thread, where it is shared, whose it is and what the caller may do with it. With
 * `throughMessageId`, the thread through that message (findLeafThroughMessage), read up to it, and `focus` naming it
 * and whether that thread is the current one. Reading changes nothing: a writer's page makes it current with
 * showBranch, as a switch of version does (docs/architecture.md, "Opening at a message").
 */
export async function getConversationWithThread(user: SessionUser, id: string, throughMessageId?: string) {
  const conversation = await requireConversation(user, "read", id);
  const { currentLeafId } = conversation;
  const leafThroughMessage = throughMessageId
    ? await findLeafThroughMessage(id, throughMessageId, currentLeafId)
    : null;
  const focusId = leafThroughMessage ? throughMessageId : undefined;
  const leafId = leafThroughMessage ?? currentLeafId;
  const [page, sharing] = await Promise.all([
    getThreadPage(id, leafId, user.role === "ADMIN", focusId),
    describeSharing(user, id),
  ]);
  // The conversation's own prompt is shown to all who read it: it shapes every reply they see or ask for.
  const { currentLeafId: _leaf, teamId: _teamId, ...fields } = conversation;
  // A pin is the owner's arrangement of their own list, as in search: members see none.
  const pinnedAt = sharing.access === "own" ? fields.pinnedAt : null;
  const focus = focusId ? { messageId: focusId, isCurrentThread: leafId === currentLeafId } : null;
  return { ...fields, pinnedAt, ...sharing, ...page, focus };
}

/** Older messages of the thread, above the message `beforeId` that the caller already shows. */
export async function getOlderMessages(user: SessionUser, id: string, beforeId: string) {
  await requireConversation(user, "read", id);
  return getOlderThreadPage(id, beforeId, user.role === "ADMIN");
}

/**
 * Makes the thread through a message (its newest leaf below it) the conversation's current one. The thread is read
 * through that message, however far up it is: the page switched there and keeps showing it.
 */
export async function showBranch(user: SessionUser, id: string, messageId: string) {
  await requireConversation(user, "write", id);
  await setCurrentLeaf(id, await findNewestLeaf(id, messageId));
  return getConversationWithThread(user, id, messageId);
}
