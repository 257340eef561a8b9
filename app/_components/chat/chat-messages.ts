import type { ChatMessage, MessageStatus, StartEvent } from "@/app/_components/api/types";

// Pure updates of the message list, kept out of the hook so each state change reads as one named step.

// Stand-ins shown until the server's `start` event names the real messages.
export type Placeholders = { userId: string | null; replyId: string | null };

export const NO_PLACEHOLDERS: Placeholders = { userId: null, replyId: null };

export function createOptimisticMessage(
  content: string,
  clientMessageId: string,
  parentId: string | null,
  previousSiblingIds: string[] = [],
): ChatMessage {
  const id = `optimistic-${clientMessageId}`;
  return {
    id,
    role: "USER",
    content,
    status: "COMPLETE",
    parentId,
    createdAt: new Date().toISOString(),
    siblingIds: withNewSibling(previousSiblingIds, id),
    errorCode: null,
    finishReason: null,
    context: null,
    author: null,
    imported: false,
    reasoning: null,
    reasoningMs: null,
    usage: null,
    attachments: [],
  };
}

// The empty reply shown at once when regenerating, as a new version beside the one it replaces.
export function createPlaceholderReply(replaced: ChatMessage): ChatMessage {
  const id = `placeholder-${crypto.randomUUID()}`;
  const previousSiblingIds = replaced.siblingIds.length > 0 ? replaced.siblingIds : [replaced.id];
  return {
    ...replaced,
    id,
    content: "",
    status: "STREAMING",
    createdAt: new Date().toISOString(),
    siblingIds: withNewSibling(previousSiblingIds, id),
    errorCode: null,
    finishReason: null,
    context: null,
    imported: false,
    usage: null,
    errorMessage: undefined,
  };
}

function withNewSibling(previousSiblingIds: string[], id: string): string[] {
  return previousSiblingIds.length > 0 ? [...previousSiblingIds, id] : [];
}

// Idempotent: a re-attached or retried stream replays `start` for messages already shown. The reply's text is
// reset because the deltas that follow always carry all of it, even when `start` already had some.
export function applyStart(messages: ChatMessage[], placeholders: Placeholders, start: StartEvent): ChatMessage[] {
  const userMessage = withKnownSiblings(messages, start.userMessage, placeholders.userId);
  const reply = withKnownSiblings(messages, start.assistantMessage, placeholders.replyId);
  const replacedIds = new Set([placeholders.userId, placeholders.replyId, userMessage.id, reply.id]);
  const kept = messages.filter((message) => !replacedIds.has(message.id));
  return [...kept, userMessage, { ...reply, content: "", status: "STREAMING" }];
}

// Stream events may leave out the versions; until the thread is fetched again, keep the ones already shown.
// The same for the author, which a regeneration's `start` leaves out, and the files already shown.
function withKnownSiblings(messages: ChatMessage[], incoming: ChatMessage, placeholderId: string | null): ChatMessage {
  const shown = messages.find((message) => message.id === incoming.id || message.id === placeholderId);
  if (!shown) return incoming;
  const author = incoming.author ?? shown.author;
  const attachments = incoming.attachments.length > 0 ? incoming.attachments : shown.attachments;
  if (incoming.siblingIds.length > 0) return { ...incoming, author, attachments };
  const siblingIds = shown.siblingIds.map((id) => (id === shown.id ? incoming.id : id));
  return { ...incoming, siblingIds, author, attachments };
}

export function appendContent(messages: ChatMessage[], messageId: string, text: string): ChatMessage[] {
  return messages.map((message) =>
    message.id === messageId ? { ...message, content: message.content + text } : message,
  );
}

export function appendReasoning(messages: ChatMessage[], messageId: string, text: string): ChatMessage[] {
  return messages.map((message) =>
    message.id === messageId ? { ...message, reasoning: (message.reasoning ?? "") + text } : message,
  );
}

/**
 * A reply's end as the page learnt it: its status, its finish reason (who stopped a stopped one) and, for a
 * failure, why (`errorCode` and `finishReason` kept when not given).
 */
export type ReplyEnding = {
  status: MessageStatus;
  finishReason?: string | null;
  errorCode?: string;
  errorMessage?: string;
  errorCause?: ChatMessage["errorCause"];
};

export function updateStatus(messages: ChatMessage[], messageId: string, ending: ReplyEnding): ChatMessage[] {
  const { status, finishReason, errorCode, errorMessage, errorCause } = ending;
  return messages.map((message) =>
    message.id === messageId
      ? {
          ...message,
          status,
          finishReason: finishReason ?? message.finishReason,
          errorCode: errorCode ?? message.errorCode,
          errorMessage,
          errorCause,
        }
      : message,
  );
}

// The thread up to, not including, the given message: what stays when that message gets a new version.
export function takeBefore(messages: ChatMessage[], messageId: string): ChatMessage[] {
  const index = messages.findIndex((message) => message.id === messageId);
  return index === -1 ? messages : messages.slice(0, index);
}

// The server's thread wins, except where it still calls a reply streaming that this page saw finish (the final
// write may land a moment after the `done` event), and error texts, which only this page received, are kept.
export function mergeFetchedThread(shown: ChatMessage[], fetched: ChatMessage[]): ChatMessage[] {
  const shownById = new Map(shown.map((message) => [message.id, message]));
  const merged = fetched.map((message) => {
    const local = shownById.get(message.id);
    if (!local) return message;
    if (message.status === "STREAMING" && local.status !== "STREAMING") {
      const { content, status, finishReason, errorCode, errorMessage, errorCause, reasoning } = local;
      return { ...message, content, status, finishReason, errorCode, errorMessage, errorCause, reasoning };
    }
    // The thinking is saved only with the finished reply: until then the page's own copy is the one to show.
    if (message.status === "STREAMING" && local.reasoning) return { ...message, reasoning: local.reasoning };
    return message.status === "ERROR" && local.errorMessage
      ? { ...message, errorMessage: local.errorMessage, errorCause: local.errorCause }
      : message;
  });
  return withOlderShown(shown, merged);
}

// The server sends the newest page of a thread; the older pages this page already loaded above it stay, as long
// as the fetched page continues them (same ancestors).
export function withOlderShown(shown: ChatMessage[], fetched: ChatMessage[]): ChatMessage[] {
  const kept = countKeptAbove(shown, fetched);
  return kept ? [...shown.slice(0, kept), ...fetched] : fetched;
}

/**
 * How many of the shown messages stay above a fetched page that continues them: 0 when both start at the thread's
 * first message (the page read from the top), null when the page does not continue what is shown.
 */
export function countKeptAbove(shown: ChatMessage[], fetched: ChatMessage[]): number | null {
  const parentId = fetched[0]?.parentId;
  if (!parentId) return shown[0]?.parentId === null ? 0 : null;
  const index = shown.findIndex((message) => message.id === parentId);
  return index === -1 ? null : index + 1;
}

// A page of older messages goes on top; anything already shown is not repeated.
export function prependOlder(shown: ChatMessage[], older: ChatMessage[]): ChatMessage[] {
  const shownIds = new Set(shown.map((message) => message.id));
  return [...older.filter((message) => !shownIds.has(message.id)), ...shown];
}

export function selectVisibleMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.filter((message) => message.role !== "SYSTEM");
}

// Messages shown before the server named them (optimistic, placeholder) cannot be edited or regenerated yet.
export function isSaved(message: ChatMessage): boolean {
  return !message.id.startsWith("optimistic-") && !message.id.startsWith("placeholder-");
}
