// The sidebar list and the chat view are separate client trees; window events let one tell the other what changed.
export const CONVERSATIONS_CHANGED_EVENT = "parley:conversations-changed";
export const CONVERSATION_RENAMED_EVENT = "parley:conversation-renamed";

export type ConversationRenamed = { id: string; title: string };

export function notifyConversationsChanged(): void {
  window.dispatchEvent(new Event(CONVERSATIONS_CHANGED_EVENT));
}

export function notifyConversationRenamed(renamed: ConversationRenamed): void {
  window.dispatchEvent(new CustomEvent<ConversationRenamed>(CONVERSATION_RENAMED_EVENT, { detail: renamed }));
}
