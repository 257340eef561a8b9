// The first message of a new chat is typed on "/" but sent from "/c/{id}"; sessionStorage carries it across the
// navigation and survives a reload of that tab, unlike component state, without putting the text in the URL.
const KEY_PREFIX = "parley:pending-message:";

export function storePendingMessage(conversationId: string, content: string): void {
  window.sessionStorage.setItem(KEY_PREFIX + conversationId, content);
}

export function takePendingMessage(conversationId: string): string | null {
  const key = KEY_PREFIX + conversationId;
  const content = window.sessionStorage.getItem(key);
  window.sessionStorage.removeItem(key);
  return content;
}
