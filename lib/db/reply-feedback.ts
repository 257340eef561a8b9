// Readers' verdicts on replies (ReplyFeedback): each reader's own, set and cleared, and the console's view of them
// per model over a range of days. Who may give one is decided before (lib/conversations/reply-feedback.ts).
import { db, type ReplyRating } from "./client";

export type Feedback = { messageId: string; rating: ReplyRating; comment: string | null };

const feedbackFields = { messageId: true, rating: true, comment: true } as const;

/** The reply of that conversation, when it is one a reader may judge: a reply, not still being written. */
export async function findJudgeableReply(conversationId: string, messageId: string) {
  return db().message.findFirst({
    where: { id: messageId, conversationId, role: "ASSISTANT" },
    select: { status: true },
  });
}

export async function saveFeedback(userId: string, messageId: string, rating: ReplyRating, comment: string | null) {
  return db().replyFeedback.upsert({
    where: { messageId_userId: { messageId, userId } },
    create: { messageId, userId, rating, comment },
    update: { rating, comment },
    select: feedbackFields,
  });
}

export async function deleteFeedback(userId: string, messageId: string): Promise<void> {
  await db().replyFeedback.deleteMany({ where: { messageId, userId } });
}

/** The reader's own verdicts on a conversation's replies. */
export async function listOwnFeedback(userId: string, conversationId: string): Promise<Feedback[]> {
  return db().replyFeedback.findMany({
    where: { userId, message: { conversationId } },
    select: feedbackFields,
  });
}

export type ModelFeedback = { modelId: string | null; label: string | null; good: number; bad: number };
export type FeedbackComment = { label: string | null; rating: ReplyRating; comment: string; day: Date };

/**
 * The verdicts given within [from, to), per model of the replies judged (null when the model is not known: deleted
 * since, or a reply copied from another conversation), and the newest words given with them: what the admins read,
 * never who gave them or the conversation. The words carry their day only: an hour could be matched with the
 * by-user usage of a small team.
 */
export async function getFeedbackReport(from: Date, to: Date, commentCount: number) {
  const [byModel, comments] = await Promise.all([
    db().$queryRaw<ModelFeedback[]>`
      SELECT m."modelId", mo.label,
             count(*) FILTER (WHERE f.rating = 'GOOD')::int AS good,
             count(*) FILTER (WHERE f.rating = 'BAD')::int AS bad
        FROM "ReplyFeedback" f
        JOIN "Message" m ON m.id = f."messageId"
        LEFT JOIN "Model" mo ON mo.id = m."modelId"
       WHERE f."updatedAt" >= ${from} AND f."updatedAt" < ${to}
       GROUP BY m."modelId", mo.label
       ORDER BY count(*) DESC, mo.label`,
    db().$queryRaw<FeedbackComment[]>`
      SELECT mo.label, f.rating, f.comment, date_trunc('day', f."updatedAt") AS day
        FROM "ReplyFeedback" f
        JOIN "Message" m ON m.id = f."messageId"
        LEFT JOIN "Model" mo ON mo.id = m."modelId"
       WHERE f."updatedAt" >= ${from} AND f."updatedAt" < ${to} AND f.comment IS NOT NULL
       ORDER BY f."updatedAt" DESC
       LIMIT ${commentCount}`,
  ]);
  return { byModel, comments };
}
