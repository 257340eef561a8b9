import { requestJson } from "./api-client";
import { conversationSchema } from "./chat-schemas";
import type { ChatMessage } from "./chat-types";

const conversationUrl = (conversationId: string) => `/api/conversations/${encodeURIComponent(conversationId)}`;

export function postMessage(conversationId: string, content: string, clientMessageId: string, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ content, clientMessageId }),
    signal,
  });
}

// 200 with the live reply's events from the beginning, or 204 when no reply is being generated.
export function openLiveReply(conversationId: string, signal: AbortSignal) {
  return fetch(`${conversationUrl(conversationId)}/stream`, { headers: { Accept: "text/event-stream" }, signal });
}

export async function requestStop(conversationId: string): Promise<boolean> {
  const response = await fetch(`${conversationUrl(conversationId)}/stop`, { method: "POST" }).catch(() => null);
  return response?.ok ?? false;
}

export async function fetchConversation(conversationId: string) {
  return requestJson(conversationUrl(conversationId), conversationSchema);
}

export async function fetchThread(conversationId: string): Promise<ChatMessage[] | null> {
  const result = await fetchConversation(conversationId);
  return result.isOk ? result.data.messages : null;
}
