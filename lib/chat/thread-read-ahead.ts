// The thread a turn read ahead with its context (lib/db/turn-context.ts), used for the reply's context window only
// while it is still the thread the reply answers: the turn's write may have put the message below another leaf (a
// message from another tab landed in between), and then the window is read again (prepare-request.ts).
import type { WindowCandidate } from "../db/messages";
import type { StartedTurn } from "../db/turns";

type NewMessage = { content: string; tokens: { count: number; encoding: string }; hasFiles: boolean };

/** The thread with the new user message at its end, when the message was written below the thread's newest one. */
export function threadWithNewMessage(
  thread: WindowCandidate[],
  turn: { userMessage: Pick<StartedTurn["userMessage"], "id" | "parentId"> },
  message: NewMessage,
): WindowCandidate[] | undefined {
  const head = thread.at(-1);
  if ((head?.id ?? null) !== turn.userMessage.parentId) return undefined;
  const { count, encoding } = message.tokens;
  const written: WindowCandidate = {
    id: turn.userMessage.id,
    role: "USER",
    content: message.content,
    tokenCount: count,
    tokenEncoding: encoding,
    depth: (head?.depth ?? -1) + 1,
    threadTokens: (head?.threadTokens ?? 0) + count,
    hasFiles: message.hasFiles,
  };
  return [...thread, written];
}

/** A regeneration's thread ends at the user message the new reply answers. */
export function threadOfRegeneration(thread: WindowCandidate[], turn: StartedTurn): WindowCandidate[] | undefined {
  return thread.at(-1)?.id === turn.userMessage.id ? thread : undefined;
}
