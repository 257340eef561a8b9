// Starts the background generation of a reply that startTurn or startRegeneration saved as STREAMING.
import type { MessageAuthor } from "../db/messages";
import type { CompletionModel } from "../db/models";
import type { StartedTurn } from "../db/turns";
import { env } from "../env";
import { createProviderClient } from "../models/provider-client";
import { announceReply } from "./conversation-watchers";
import { Generation } from "./generation";
import { registerGeneration, type StreamSlot } from "./generation-registry";
import type { Parameters } from "./parameters";
import { prepareRequest } from "./prepare-request";
import { runGeneration } from "./run-generation";
import { generateTitle } from "./titles";
import { encodingForModel } from "./tokens";

export type ReplyLaunch = {
  conversation: { id: string; systemPrompt: string | null };
  model: CompletionModel;
  parameters: Parameters;
  turn: StartedTurn;
  /** Who wrote the new user turn, named in the `start` event for team members watching; null for a regeneration. */
  author: MessageAuthor;
  /** The provisional title to replace with a generated one after a first exchange; null otherwise. */
  titleToReplace: string | null;
  /** The caller's stream slot (generation-registry.ts), given back when this reply ends. */
  streamSlot?: StreamSlot;
};

function startEvent(conversationId: string, turn: StartedTurn, author: MessageAuthor = null) {
  const userMessage = author ? { ...turn.userMessage, author } : turn.userMessage;
  return { conversationId, userMessage, assistantMessage: turn.assistantMessage };
}

export function launchReply({
  conversation,
  model,
  parameters,
  turn,
  author,
  titleToReplace,
  streamSlot,
}: ReplyLaunch): Generation {
  const generation = new Generation(conversation.id, turn.assistantMessage.id);
  generation.publish("start", startEvent(conversation.id, turn, author));
  registerGeneration(generation, streamSlot);
  announceReply(generation);
  const run = runGeneration(generation, {
    encoding: encodingForModel(model.upstreamName),
    // Everything that can fail runs inside the generation, so that a failure ends this reply as an error.
    prepare: async () => {
      const { messages, manifest } = await prepareRequest({
        model,
        parameters,
        conversationSystemPrompt: conversation.systemPrompt,
        userMessageId: turn.userMessage.id,
      });
      const upstream = {
        client: createProviderClient(model.provider),
        model: model.upstreamName,
        messages,
        temperature: parameters.temperature,
        topP: parameters.topP,
        maxTokens: parameters.maxTokens,
        firstByteTimeoutMs: env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
        idleTimeoutMs: env().UPSTREAM_IDLE_TIMEOUT_MS,
      };
      return { upstream, manifest };
    },
    onFinished: (reply) => {
      if (titleToReplace === null || reply.status !== "COMPLETE") return;
      void generateTitle({
        conversationId: conversation.id,
        fallbackTitle: titleToReplace,
        model,
        userText: turn.userMessage.content,
        replyText: reply.content,
      });
    },
  });
  run
    .catch((error) => console.error(`Generation ${generation.assistantMessageId} crashed`, error))
    // Normally given back on unregistering; a crash must not keep the user's slot forever either.
    .finally(() => streamSlot?.release());
  return generation;
}

/** A retried request whose reply already ended: answer with the stored outcome instead of generating again. */
export function replayFinishedTurn(conversationId: string, turn: StartedTurn): Generation {
  const generation = new Generation(conversationId, turn.assistantMessage.id);
  const reply = turn.assistantMessage;
  generation.publish("start", startEvent(conversationId, { ...turn, assistantMessage: { ...reply, content: "" } }));
  if (reply.content) generation.publish("delta", { text: reply.content });
  if (reply.status === "ERROR") {
    generation.publish("error", { code: "upstream_error", message: "The reply failed." });
  } else {
    const finishReason = reply.status === "INTERRUPTED" ? "interrupted" : "stop";
    generation.publish("done", { finishReason, usage: null, status: reply.status, context: null });
  }
  return generation;
}
