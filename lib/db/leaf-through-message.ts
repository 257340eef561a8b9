// Which thread to show for a message asked for by id (a search result opens the conversation at its message).
import { db } from "./client";
import { findNewestLeaf } from "./messages";

/**
 * The leaf whose thread passes through `messageId`: the conversation's current leaf when its thread does already
 * (opening the message then changes no version below it), else the newest leaf below the message, the thread that
 * switching to that version with `< >` shows. Null when the conversation holds no such message (another
 * conversation's, one that is gone), so that the caller opens the conversation as it is and learns nothing more.
 */
export async function findLeafThroughMessage(
  conversationId: string,
  messageId: string,
  currentLeafId: string | null,
): Promise<string | null> {
  // The walk up the current thread stops at the message's depth: nothing above it could be the message.
  const [row] = await db().$queryRaw<{ isOnCurrentThread: boolean }[]>`
    WITH RECURSIVE target AS (
      SELECT id, depth FROM "Message" WHERE id = ${messageId} AND "conversationId" = ${conversationId}
    ), current_thread AS (
      SELECT m.id, m."parentId" FROM "Message" m JOIN target ON m.depth >= target.depth
       WHERE m.id = ${currentLeafId} AND m."conversationId" = ${conversationId}
      UNION ALL
      SELECT m.id, m."parentId" FROM current_thread JOIN "Message" m ON m.id = current_thread."parentId"
        JOIN target ON m.depth >= target.depth
    )
    SELECT EXISTS (SELECT 1 FROM current_thread WHERE id = ${messageId}) AS "isOnCurrentThread" FROM target`;
  if (!row) return null;
  if (row.isOnCurrentThread && currentLeafId) return currentLeafId;
  return findNewestLeaf(conversationId, messageId);
}
