import { z } from "zod";
import { type ApiResult, requestJson } from "@/app/_components/api/api-client";
import {
  conversationDetailsSchema,
  conversationSchema,
  copiedConversationSchema,
  modelListSchema,
  replyFeedbackListSchema,
  replyFeedbackSchema,
  teamChoicesSchema,
  teamSharingSchema,
  threadPageSchema,
} from "@/app/_components/api/schemas";
import type { ReasoningEffort } from "@/lib/models/compatibility";

const conversationUrl = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}`;

export type NewMessage = {
  content: string;
  clientMessageId: string;
  // Left out: continue the current thread. Given: a new version beside the children of that message (null: a root).
  parentId?: string | null;
  // Uploads (POST /api/attachments) the message carries.
  attachmentIds?: string[];
};

export function postMessage(conversationId: string, message: NewMessage, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(message),
    signal,
  });
}

// Streams a new version of an assistant reply, answering the same user message.
export function postRegenerate(conversationId: string, messageId: string, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/messages/${encodeURIComponent(messageId)}/regenerate`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({}),
    signal,
  });
}

// 200 with the live reply's events from the beginning, or 204 when no reply is being generated.
export function openLiveReply(conversationId: string, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/stream`, { headers: { Accept: "text/event-stream" }, signal });
}

// Stays open while the page shows a team conversation: tells it whenever a reply starts there, by anyone.
export function openConversationEvents(conversationId: string, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/events`, { headers: { Accept: "text/event-stream" }, signal });
}

// How many running replies the server stopped, or null when the request failed.
export async function requestStop(conversationId: string): Promise<number | null> {
  const response = await fetch(`${conversationUrl(conversationId)}/stop`, { method: "POST" }).catch(() => null);
  if (!response?.ok) return null;
  const body = (await response.json().catch(() => null)) as { stopped?: unknown } | null;
  return typeof body?.stopped === "number" ? body.stopped : 0;
}

export async function fetchConversation(conversationId: string) {
  return requestJson(conversationUrl(conversationId), conversationSchema);
}

// The page of the thread above the message `beforeId`, oldest first.
export function fetchOlderMessages(conversationId: string, beforeId: string) {
  return requestJson(
    `${conversationUrl(conversationId)}/thread?before=${encodeURIComponent(beforeId)}`,
    threadPageSchema,
  );
}

// Makes the thread pass through the given message; answers with the conversation and its new thread.
export function selectCurrentMessage(conversationId: string, messageId: string, signal: AbortSignal) {
  return requestJson(`${conversationUrl(conversationId)}/current-message`, conversationSchema, {
    method: "PUT",
    body: JSON.stringify({ messageId }),
    signal,
  });
}

// Without a conversation: the models for a new chat; with one: the models it may run on (a team's may be fewer).
export function fetchModels(conversationId?: string) {
  const query = conversationId ? `?conversationId=${encodeURIComponent(conversationId)}` : "";
  return requestJson(`/api/models${query}`, modelListSchema);
}

/** What the owner changes in a conversation's header and settings; null puts a parameter back to the model's default. */
export type ConversationPatch = {
  modelId?: string;
  temperature?: number | null;
  reasoningEffort?: ReasoningEffort | null;
  /** The conversation's own system prompt; empty or null: none. */
  systemPrompt?: string | null;
};

export function patchConversation(conversationId: string, changes: ConversationPatch) {
  return requestJson(conversationUrl(conversationId), conversationDetailsSchema, {
    method: "PATCH",
    body: JSON.stringify(changes),
  });
}

// For the owner: the team it is shared with and the teams they may share it with.
export function fetchTeamChoices(conversationId: string) {
  return requestJson(`${conversationUrl(conversationId)}/team`, teamChoicesSchema);
}

// null stops sharing.
export function setConversationTeam(conversationId: string, teamId: string | null) {
  return requestJson(`${conversationUrl(conversationId)}/team`, teamSharingSchema, {
    method: "PUT",
    body: JSON.stringify({ teamId }),
  });
}

// A private copy of the thread up to the message, in the caller's own chats.
export function copyToMyChats(conversationId: string, messageId: string) {
  return requestJson(`${conversationUrl(conversationId)}/copy`, copiedConversationSchema, {
    method: "POST",
    body: JSON.stringify({ messageId }),
  });
}

/** The reader's own verdicts on the conversation's replies. */
export function fetchOwnFeedback(conversationId: string) {
  return requestJson(`${conversationUrl(conversationId)}/feedback`, replyFeedbackListSchema);
}

export type ReplyRating = "good" | "bad";

/** The reader's verdict on a reply, with optional words for the admins; null rating withdraws it. */
export function sendFeedback(
  conversationId: string,
  messageId: string,
  rating: ReplyRating | null,
  comment = "",
): Promise<ApiResult<z.infer<typeof replyFeedbackSchema> | null>> {
  const url = `${conversationUrl(conversationId)}/messages/${encodeURIComponent(messageId)}/feedback`;
  if (rating === null)
    return requestJson(
      url,
      z.undefined().transform(() => null),
      { method: "DELETE" },
    );
  return requestJson(url, replyFeedbackSchema, { method: "PUT", body: JSON.stringify({ rating, comment }) });
}
