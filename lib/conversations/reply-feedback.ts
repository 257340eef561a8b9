// A reader's verdict on a reply: anyone who may read the conversation (its owner, its team's members, viewers
// included) gives their own, on a reply no longer being written; a share link's visitors give none. The verdicts are
// for the admins (the console's usage page), so a reader sees only their own.
import { z } from "zod";
import { requireConversation } from "../access/conversation-access";
import type { SessionUser } from "../auth/session";
import { deleteFeedback, type Feedback, findJudgeableReply, listOwnFeedback, saveFeedback } from "../db/reply-feedback";
import { AppError } from "../errors";
import { MAX_FEEDBACK_COMMENT_LENGTH } from "../limits";

export const feedbackSchema = z.strictObject({
  rating: z.enum(["good", "bad"]),
  comment: z.string().trim().max(MAX_FEEDBACK_COMMENT_LENGTH).nullable().optional(),
});

const ratings = { good: "GOOD", bad: "BAD" } as const;

/** A verdict as the browser reads it. */
function toJson(feedback: Feedback) {
  return {
    messageId: feedback.messageId,
    rating: feedback.rating === "GOOD" ? ("good" as const) : ("bad" as const),
    comment: feedback.comment,
  };
}

async function requireJudgeableReply(user: SessionUser, conversationId: string, messageId: string): Promise<void> {
  await requireConversation(user, "read", conversationId);
  const reply = await findJudgeableReply(conversationId, messageId);
  if (!reply) throw new AppError("not_found", "This conversation has no such reply.");
  if (reply.status === "STREAMING") {
    throw new AppError("reply_still_streaming", "This reply is still being written. Judge it once it has finished.");
  }
}

export async function giveFeedback(
  user: SessionUser,
  conversationId: string,
  messageId: string,
  input: z.infer<typeof feedbackSchema>,
) {
  await requireJudgeableReply(user, conversationId, messageId);
  const comment = input.comment ? input.comment : null;
  return toJson(await saveFeedback(user.id, messageId, ratings[input.rating], comment));
}

export async function withdrawFeedback(user: SessionUser, conversationId: string, messageId: string): Promise<void> {
  await requireJudgeableReply(user, conversationId, messageId);
  await deleteFeedback(user.id, messageId);
}

/** The caller's own verdicts on the conversation's replies. */
export async function listFeedback(user: SessionUser, conversationId: string) {
  await requireConversation(user, "read", conversationId);
  return { feedback: (await listOwnFeedback(user.id, conversationId)).map(toJson) };
}
