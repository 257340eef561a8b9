import { requireApiUser } from "@/lib/auth/session";
import {
  deleteMyConversation,
  getConversationWithThread,
  updateConversationSchema,
  updateMyConversation,
} from "@/lib/conversations/conversations";
import { jsonHandlerForId } from "@/lib/http/json-handler";

export const GET = jsonHandlerForId({ authenticate: requireApiUser }, getConversationWithThread);

export const PATCH = jsonHandlerForId(
  { authenticate: requireApiUser, body: updateConversationSchema },
  updateMyConversation,
);

export const DELETE = jsonHandlerForId({ authenticate: requireApiUser }, async (user, id) => {
  await deleteMyConversation(user, id);
});
