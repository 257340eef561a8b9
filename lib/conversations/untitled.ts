// The title a conversation has until its first message names it: stored as is, shown in the reader's language
// (app/_components/history/shown-title.ts). Shared with the browser, so it imports nothing.
export const DEFAULT_TITLE = "New chat";
