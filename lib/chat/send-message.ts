// A chat turn (DESIGN.md "A chat turn"): validate, save the user message and an empty reply, then generate the
// reply in the background and hand back the live generation for the response to stream.
import { z } from "zod";
import { writableConversationsWhere } from "../access/conversations";
import type { SessionUser } from "../auth/session";
import { DEFAULT_TITLE, getConversationOrThrow } from "../db/conversations";
import { getThread, type MessageView, startTurn } from "../db/messages";
import { getModelForCompletion } from "../db/models";
import { env } from "../env";
import { AppError } from "../errors";
import { createProviderClient } from "../models/provider-client";
import { buildContextMessages } from "./context";
import { Generation } from "./generation";
import { findGeneration, registerGeneration } from "./generation-registry";
import { runGeneration } from "./run-generation";

export const MAX_MESSAGE_LENGTH = 32_000;

export const sendMessageSchema = z.strictObject({
  content: z
    .string()
    .max(MAX_MESSAGE_LENGTH, `Messages are limited to ${MAX_MESSAGE_LENGTH} characters.`)
    .refine((text) => text.trim().length > 0, "Write a message first."),
  clientMessageId: z.string().min(8).max(64).optional(),
});

export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export type SentTurn = {
  generation: Generation;
  start: { conversationId: string; userMessage: MessageView; assistantMessage: MessageView };
};

function titleFrom(content: string): string {
  const words = content.trim().split(/\s+/).slice(0, 8).join(" ");
  return words.length > 80 ? `${words.slice(0, 79)}…` : words;
}

export async function sendMessage(
  user: SessionUser,
  conversationId: string,
  input: SendMessageInput,
): Promise<SentTurn> {
  const conversation = await getConversationOrThrow(writableConversationsWhere(user.id), conversationId);
  const model = conversation.modelId ? await getModelForCompletion(conversation.modelId) : null;
  if (!model)
    throw new AppError("model_unavailable", "This conversation's model is not available. Pick another model.");

  const temperature = conversation.temperature ?? model.temperature;
  const turn = await startTurn({
    conversationId,
    authorId: user.id,
    content: input.content,
    clientMessageId: input.clientMessageId,
    model: { id: model.id, version: model.version },
    parameters: { temperature, topP: model.topP, maxTokens: model.maxOutputTokens },
    titleIfUntitled: { untitled: DEFAULT_TITLE, title: titleFrom(input.content) },
  });
  const start = { conversationId, userMessage: turn.userMessage, assistantMessage: turn.assistantMessage };
  const running = turn.isDuplicate ? findGeneration(conversationId, turn.assistantMessage.id) : undefined;
  if (running) return { generation: running, start };
  if (turn.isDuplicate) return { generation: replayFinishedTurn(start), start };

  const generation = new Generation(conversationId, turn.assistantMessage.id);
  generation.publish("start", start);
  registerGeneration(generation);
  const thread = await getThread(conversationId, turn.userMessage.id);
  void runGeneration(generation, {
    client: createProviderClient(model.provider),
    model: model.upstreamName,
    messages: buildContextMessages(conversation.systemPrompt ?? model.systemPrompt, thread),
    temperature,
    topP: model.topP,
    maxTokens: model.maxOutputTokens,
    firstByteTimeoutMs: env().UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    idleTimeoutMs: env().UPSTREAM_IDLE_TIMEOUT_MS,
  });
  return { generation, start };
}

/** A retried request whose reply already ended: answer with the stored outcome instead of generating again. */
function replayFinishedTurn(start: SentTurn["start"]): Generation {
  const generation = new Generation(start.conversationId, start.assistantMessage.id);
  const reply = start.assistantMessage;
  generation.publish("start", start);
  if (reply.content) generation.publish("delta", { text: reply.content });
  if (reply.status === "ERROR") generation.publish("error", { code: "upstream_error", message: "The reply failed." });
  else
    generation.publish("done", {
      finishReason: reply.status === "INTERRUPTED" ? "interrupted" : "stop",
      usage: null,
      status: reply.status,
    });
  return generation;
}
