// The sidebar list and the chat view are separate client trees; a window event lets one tell the other to refetch.
export const CONVERSATIONS_CHANGED_EVENT = "parley:conversations-changed";

export function notifyConversationsChanged(): void {
  window.dispatchEvent(new Event(CONVERSATIONS_CHANGED_EVENT));
}
