// The reservation of a chat turn (send or regenerate), taken before the turn is written, so that a user at their
// limit is refused (429) with nothing stored. Its worst-case prompt is the whole thread the message continues, as
// far as the context window lets it go; the reply settles it (run-reply.ts).
import type { CompletionModel } from "../db/models";
import { getTurnUsageContext } from "../db/usage-limits";
import { reserveUsage, settleUsage, type UsageReservation } from "./reserve-usage";

export type ChatTurnReservation = UsageReservation & { isHandedOver: boolean };

export async function reserveChatTurn(input: {
  userId: string;
  conversationId: string;
  model: CompletionModel;
  maxTokens: number;
  /** The new message's and the prompts' tokens (none for a regeneration). */
  newTokens: number;
  budget: number;
  anchor: { leafId: string | null } | { replyId: string };
}): Promise<ChatTurnReservation> {
  const { teamId, threadTokens } = await getTurnUsageContext(input.conversationId, input.anchor);
  const promptTokens = Math.min(input.budget, threadTokens + input.newTokens);
  const reservation = await reserveUsage({
    userId: input.userId,
    teamId,
    modelId: input.model.id,
    promptTokens,
    maxOutputTokens: input.maxTokens,
  });
  return { ...reservation, isHandedOver: false };
}

/** A turn that launched no reply (a retried message that joined its reply, a failure) gives its reservation back. */
export async function releaseUnlessHandedOver<T>(reservation: ChatTurnReservation, start: Promise<T>): Promise<T> {
  try {
    return await start;
  } finally {
    if (!reservation.isHandedOver) await settleUsage(reservation, null);
  }
}
