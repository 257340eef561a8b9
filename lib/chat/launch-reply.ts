// Starts a reply that startTurn or startRegeneration saved as STREAMING.
import { shareReply } from "../cluster/remote-replies";
import type { MessageAuthor, WindowCandidate } from "../db/messages";
import type { CompletionModel } from "../db/models";
import { endReplyAfterFailedSave, type StartedTurn } from "../db/turns";
import { READER_STOPPED_FINISH } from "../live/messages";
import type { ReplyEventInput } from "../live/reply-events";
import { recordFinishedReply } from "../observability/metrics";
import type { ChatTurnReservation } from "../usage-limits/chat-turn-usage";
import { announceReply } from "./conversation-watchers";
import type { EarlyReply } from "./early-upstream";
import { LiveReply } from "./live-reply";
import type { Parameters } from "./parameters";
import { prepareRequest } from "./prepare-request";
import { registerReply, type StreamSlot, unregisterReply } from "./reply-registry";
import { runReply } from "./run-reply";
import { generateTitle, TITLE_TIMEOUT_MS, type TitleRequest } from "./titles";
import { encodingForModel } from "./tokens";
import { buildUpstreamRequest } from "./upstream-request";

export type ReplyLaunch = {
  /** customInstructions: the requester's, read with the turn's context (lib/db/turn-context.ts). */
  conversation: { id: string; systemPrompt: string | null; customInstructions: string | null };
  model: CompletionModel;
  parameters: Parameters;
  turn: StartedTurn;
  /** The thread ending at the turn's user message, when the turn read it ahead (prepare-request.ts). */
  thread?: WindowCandidate[];
  /** Who asked for the reply (sent the message or regenerated): the usage ledger's user. */
  requesterId: string;
  /** Who wrote the new user turn, named in the `start` event for team members watching; null for a regeneration. */
  author: MessageAuthor;
  /** The provisional title to replace with a generated one after a first exchange; null otherwise. */
  titleToReplace: string | null;
  /** The caller's stream slot (reply-registry.ts), given back when this reply ends. */
  streamSlot?: StreamSlot;
  /** The turn's usage reservation (lib/usage-limits), settled by the reply when it ends. */
  usageReservation?: ChatTurnReservation;
  /** The model's call, sent while the turn was being written (early-upstream.ts). */
  early?: EarlyReply | null;
};

// A reply's stream stays open after its end for the title, a little longer than the title's own call may take.
const TITLE_WAIT_MS = TITLE_TIMEOUT_MS + 5_000;

function startEvent(conversationId: string, turn: StartedTurn, author: MessageAuthor = null): ReplyEventInput<"start"> {
  const userMessage = { ...turn.userMessage, createdAt: turn.userMessage.createdAt.toISOString() };
  const assistantMessage = { ...turn.assistantMessage, createdAt: turn.assistantMessage.createdAt.toISOString() };
  return { conversationId, userMessage: author ? { ...userMessage, author } : userMessage, assistantMessage };
}

/** Asks for the conversation's title and tells the reply's readers once it is written. */
async function publishTitle(live: LiveReply, input: TitleRequest): Promise<void> {
  const title = await generateTitle(input);
  if (title) live.publish("title", { conversationId: live.conversationId, title });
}

export function launchReply({
  conversation,
  model,
  parameters,
  turn,
  thread,
  requesterId,
  author,
  titleToReplace,
  streamSlot,
  usageReservation,
  early,
}: ReplyLaunch): LiveReply {
  if (usageReservation) usageReservation.isHandedOver = true;
  const live = new LiveReply(conversation.id, turn.assistantMessage.id);
  live.publish("start", startEvent(conversation.id, turn, author));
  registerReply(live, requesterId, streamSlot);
  shareReply(live);
  announceReply(live);
  // A first exchange's readers also get the model's title, on the same stream once the reply has ended.
  let titling: Promise<void> = Promise.resolve();
  if (titleToReplace !== null) live.holdOpenAfterEnd(TITLE_WAIT_MS);
  const run = runReply(live, {
    encoding: encodingForModel(model.upstreamName),
    requesterId,
    usageReservation: usageReservation ?? null,
    // Everything that can fail runs inside the live reply, so that a failure ends this reply as an error.
    prepare: async () => {
      if (early) return { upstream: early.upstream, manifest: early.manifest, timing: early.opened };
      const { messages, manifest } = await prepareRequest({
        model,
        parameters,
        conversationSystemPrompt: conversation.systemPrompt,
        userMessageId: turn.userMessage.id,
        customInstructions: conversation.customInstructions,
        thread,
      });
      const upstream = buildUpstreamRequest(model, messages, parameters);
      return { upstream, manifest };
    },
    onFinished: (reply) => {
      recordFinishedReply(model.upstreamName, reply);
      if (titleToReplace === null || reply.status !== "COMPLETE") return;
      titling = publishTitle(live, {
        conversationId: conversation.id,
        fallbackTitle: titleToReplace,
        model,
        userText: turn.userMessage.content,
        replyText: reply.content,
      });
    },
  });
  run
    .catch(async (error) => {
      console.error(`Reply ${live.assistantMessageId} crashed`, error);
      // Its row must not stay STREAMING: no message could follow it (lib/db/turns.ts).
      unregisterReply(live);
      await endReplyAfterFailedSave(live.assistantMessageId).catch(() => {});
    })
    // Normally given back on unregistering; a crash must not keep the user's slot forever either.
    .finally(() => {
      streamSlot?.release();
      void titling.finally(() => live.close());
    });
  return live;
}

/** A retried request whose reply already ended: answer with the stored outcome instead of generating again. */
export function replayFinishedTurn(conversationId: string, turn: StartedTurn): LiveReply {
  const live = new LiveReply(conversationId, turn.assistantMessage.id);
  const reply = turn.assistantMessage;
  live.publish("start", startEvent(conversationId, { ...turn, assistantMessage: { ...reply, content: "" } }));
  if (reply.content) live.publish("delta", { text: reply.content });
  if (reply.status === "ERROR") {
    live.publish("error", { code: "upstream_error", message: "The reply failed." });
  } else {
    // A reply still STREAMING was refused before (startOrRejoin): this one is COMPLETE or INTERRUPTED.
    const status = reply.status === "INTERRUPTED" ? "INTERRUPTED" : "COMPLETE";
    const finishReason = status === "INTERRUPTED" ? READER_STOPPED_FINISH : "stop";
    live.publish("done", { finishReason, usage: null, status, context: null });
  }
  return live;
}
