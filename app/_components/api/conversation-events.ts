// The sidebar list and the chat view are separate client trees; window events let one tell the other what changed.
// A change goes to the browser's other tabs too (a BroadcastChannel, which never echoes to its sender): a
// conversation started, renamed, pinned or deleted in one tab shows in the others' sidebars without a reload (their
// lists load again). The rename event stays within its tab: a list that loads tells it to the open conversation's
// header, and sent across tabs, each load would set off the other tabs' loads in turn.
export const CONVERSATIONS_CHANGED_EVENT = "parley:conversations-changed";
export const CONVERSATION_RENAMED_EVENT = "parley:conversation-renamed";

/**
 * When what is shared with the user may have changed: this browser's changes, and a window back in focus, since
 * others share, leave and rename teams without this browser hearing of it.
 */
export const SHARING_CHANGED_EVENTS = [CONVERSATIONS_CHANGED_EVENT, "focus"];

export type ConversationRenamed = { id: string; title: string };

const otherTabs =
  typeof window !== "undefined" && typeof BroadcastChannel !== "undefined"
    ? new BroadcastChannel("parley:conversations-changed")
    : null;

if (otherTabs) otherTabs.onmessage = () => dispatchChanged();

function dispatchChanged(): void {
  window.dispatchEvent(new Event(CONVERSATIONS_CHANGED_EVENT));
}

export function notifyConversationsChanged(): void {
  dispatchChanged();
  notifyOtherTabs();
}

/** A change this tab's list has made already (a rename, a pin, a delete): the other tabs' lists load it. */
export function notifyOtherTabs(): void {
  otherTabs?.postMessage("changed");
}

export function notifyConversationRenamed(renamed: ConversationRenamed): void {
  window.dispatchEvent(new CustomEvent<ConversationRenamed>(CONVERSATION_RENAMED_EVENT, { detail: renamed }));
}
