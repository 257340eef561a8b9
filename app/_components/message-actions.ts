import type { ChatMessage } from "./chat-types";

// What a message offers; stable functions, so that memoised message items do not re-render for them.
export type MessageActions = {
  edit: (message: ChatMessage, content: string) => Promise<boolean>;
  regenerate: (message: ChatMessage) => Promise<void>;
  showVersion: (messageId: string) => Promise<void>;
  /** Opens the share-link dialog for a snapshot ending at this message. */
  shareUpTo: (message: ChatMessage) => void;
};

export type MessageItemProps = {
  message: ChatMessage;
  // A reply streams or the thread is switching versions: nothing may change the thread meanwhile.
  isBusy: boolean;
  actions: MessageActions;
};

export const MESSAGE_ACTION_BUTTON =
  "flex size-7 items-center justify-center rounded-md text-ink-muted hover:bg-hover hover:text-ink disabled:opacity-40 disabled:hover:bg-transparent";
