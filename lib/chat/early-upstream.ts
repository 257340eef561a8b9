// A new turn asks the model while its write (startTurn, the second round trip) is still on its way, instead of after
// it: the request needs only what the turn's first statement read (the thread read ahead) and the new message, whose
// id is chosen before the write. The two waits overlap, which takes the write's round trip off the time to first
// token (docs/architecture.md, "The hot path"). Nothing is published before the write has committed: the answer
// waits unread on its socket meanwhile. When the write fails, repeats an earlier message or lands below another
// message than the one read ahead (another tab's turn came first), the call is ended and the reply, if any, runs
// the ordinary way.
import type { WindowCandidate } from "../db/messages";
import type { CompletionModel } from "../db/models";
import type { StartedTurn } from "../db/turns";
import type { LiveReply } from "./live-reply";
import type { Parameters } from "./parameters";
import { type PreparedRequest, prepareRequestFromThread } from "./prepare-request";
import type { PendingTurn } from "./reply-registry";
import { threadWithNewMessage } from "./thread-read-ahead";
import { type OpenedUpstream, openUpstream, type UpstreamRequest } from "./upstream";
import { buildUpstreamRequest } from "./upstream-request";

export type EarlyReply = {
  upstream: Omit<UpstreamRequest, "signal">;
  manifest: PreparedRequest["manifest"];
  opened: OpenedUpstream;
  /** Where the request assumed the new message: its id and its parent. */
  userMessage: { id: string; parentId: string | null };
};

export type EarlyInput = {
  conversation: { systemPrompt: string | null; customInstructions: string | null; thread: WindowCandidate[] };
  model: CompletionModel;
  parameters: Parameters;
  /** The id the turn's write will give the user message. */
  userMessageId: string;
  /** As the turn's write takes it: undefined continues the current leaf, null starts a new root. */
  parentId: string | null | undefined;
  message: { content: string; tokens: { count: number; encoding: string }; hasFiles: boolean };
};

/**
 * Sends the reply's request now, when it can be built without the database (no files to send); null otherwise, and
 * whenever building it fails: the reply then builds it after the write, where a failure ends the reply as an error.
 */
function startEarlyReply(input: EarlyInput): EarlyReply | null {
  const { conversation, model, parameters, userMessageId, message } = input;
  const userMessage = { id: userMessageId, parentId: conversation.thread.at(-1)?.id ?? null };
  // A new root below a conversation that has messages: the thread read ahead (from its leaf) is not the one answered.
  if (input.parentId !== undefined && input.parentId !== userMessage.parentId) return null;
  try {
    const prepared = prepareRequestFromThread({
      model,
      parameters,
      conversationSystemPrompt: conversation.systemPrompt,
      userMessageId,
      customInstructions: conversation.customInstructions,
      thread: threadWithNewMessage(conversation.thread, { userMessage }, message) ?? [],
    });
    if (!prepared) return null;
    const upstream = buildUpstreamRequest(model, prepared.messages, parameters);
    const opened = openUpstream(upstream);
    return { upstream: { ...upstream, opened }, manifest: prepared.manifest, opened, userMessage };
  } catch {
    return null;
  }
}

/** The call sent early, if the turn was written as it assumed; otherwise the call is ended and null. */
function claimEarlyReply(early: EarlyReply | null, turn: StartedTurn): EarlyReply | null {
  if (!early) return null;
  const { id, parentId } = turn.userMessage;
  if (!turn.isDuplicate && id === early.userMessage.id && parentId === early.userMessage.parentId) return early;
  early.opened.abort();
  return null;
}

/**
 * Runs the turn's write (`write`) with the model's call sent beside it, the write first; `early` null sends nothing
 * early. `launch` gets the call when the turn was written as it assumed. A Stop meanwhile (`pending`) ends the call
 * at once; the reply it launches is stopped by startAsPendingTurn.
 */
export async function writeTurnAskingEarly(
  write: () => Promise<StartedTurn>,
  early: EarlyInput | null,
  launch: (turn: StartedTurn, early: EarlyReply | null) => LiveReply,
  pending: PendingTurn,
): Promise<LiveReply> {
  const writing = write();
  const sent = early && !pending.isStopped ? startEarlyReply(early) : null;
  if (sent) pending.onStop(sent.opened.abort);
  const turn = await writing.catch((error: unknown) => {
    sent?.opened.abort();
    throw error;
  });
  return pending.launched(launch(turn, claimEarlyReply(sent, turn)));
}
