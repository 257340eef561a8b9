import type { ChatMessage, MessageStatus, StartEvent } from "./chat-types";

// Pure updates of the message list, kept out of the hook so each state change reads as one named step.

export function createOptimisticMessage(
  content: string,
  clientMessageId: string,
  parentId: string | null,
): ChatMessage {
  return {
    id: `optimistic-${clientMessageId}`,
    role: "USER",
    content,
    status: "COMPLETE",
    parentId,
    createdAt: new Date().toISOString(),
  };
}

// Idempotent: a re-attached or retried stream replays `start` for messages already shown. The reply's text is
// reset because the deltas that follow always carry all of it, even when `start` already had some.
export function applyStart(messages: ChatMessage[], optimisticId: string | null, start: StartEvent): ChatMessage[] {
  const replacedIds = new Set([optimisticId, start.userMessage.id, start.assistantMessage.id]);
  const kept = messages.filter((message) => !replacedIds.has(message.id));
  const reply: ChatMessage = { ...start.assistantMessage, content: "", status: "STREAMING" };
  return [...kept, start.userMessage, reply];
}

export function appendContent(messages: ChatMessage[], messageId: string, text: string): ChatMessage[] {
  return messages.map((message) =>
    message.id === messageId ? { ...message, content: message.content + text } : message,
  );
}

export function updateStatus(
  messages: ChatMessage[],
  messageId: string,
  status: MessageStatus,
  errorMessage?: string,
): ChatMessage[] {
  return messages.map((message) => (message.id === messageId ? { ...message, status, errorMessage } : message));
}

export function removeMessage(messages: ChatMessage[], messageId: string): ChatMessage[] {
  return messages.filter((message) => message.id !== messageId);
}

export function selectVisibleMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.filter((message) => message.role !== "SYSTEM");
}
