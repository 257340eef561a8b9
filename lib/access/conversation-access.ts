// The one place that turns "this scope does not reach that conversation" into the right error: 403 when the caller
// may still read it (a team viewer posting, an editor renaming), else 404, which never reveals that it exists.
import type { SessionUser } from "../auth/session";
import { getConversation } from "../db/conversations";
import { AppError } from "../errors";
import { ownConversationsWhere, readableConversationsWhere, writableConversationsWhere } from "./conversations";
import { idSchema } from "./ids";

export type ConversationAccess = "read" | "write" | "own";

const scopes = { read: readableConversationsWhere, write: writableConversationsWhere, own: ownConversationsWhere };

/** The conversation, if the caller has `access` to it; otherwise the 403 or 404 they should get. */
export async function requireConversation(user: SessionUser, access: ConversationAccess, id: string) {
  const conversation = await getConversation(scopes[access](user.id), id);
  if (conversation) return conversation;
  throw await deniedError(user, id, access);
}

/** For a query whose own scope found nothing: the error to answer with. Costs a query only on that path. */
export async function deniedError(user: SessionUser, id: string, access: ConversationAccess): Promise<AppError> {
  const canRead = access !== "read" && (await getConversation(readableConversationsWhere(user.id), id)) !== null;
  return canRead
    ? new AppError("forbidden", "You can read this conversation but not change it.")
    : new AppError("not_found", "Conversation not found.");
}

/** For pages: whether the caller may open the conversation at all (a malformed id names nothing). */
export async function canReadConversation(user: SessionUser, id: string): Promise<boolean> {
  if (!idSchema.safeParse(id).success) return false;
  return (await getConversation(readableConversationsWhere(user.id), id)) !== null;
}
