// What the other features may use of this one; the rest of the folder is its own.
export { ConversationList } from "./conversation-list";
export { searchResultHref } from "./search-result-href";
export { shownTitle } from "./shown-title";
