// The reservation of a chat turn (send or regenerate), taken before the turn is written, so that a user at their
// limit is refused (429) with nothing stored. Its worst-case prompt is the whole thread the message continues, as
// far as the context window lets it go; the reply settles it (run-reply.ts).
import type { CompletionModel } from "../db/models";
import type { TurnContext } from "../db/turn-context";
import { reserveUsage, settleUsage, type UsageReservation } from "./reserve-usage";

export type ChatTurnReservation = UsageReservation & { isHandedOver: boolean };

/** A database statement only when a limit applies: the rules came with the turn's context (lib/db/turn-context.ts). */
export async function reserveChatTurn(input: {
  userId: string;
  context: TurnContext;
  model: CompletionModel;
  maxTokens: number;
  /** The new message's and the prompts' tokens (none for a regeneration). */
  newTokens: number;
  budget: number;
}): Promise<ChatTurnReservation> {
  const { context } = input;
  const promptTokens = Math.min(input.budget, context.anchorThreadTokens + input.newTokens);
  const reservation = await reserveUsage(
    {
      userId: input.userId,
      teamId: context.teamId,
      modelId: input.model.id,
      promptTokens,
      maxOutputTokens: input.maxTokens,
    },
    { limitRows: context.limitRows, prices: context.prices },
  );
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
