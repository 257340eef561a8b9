import type { ChatMessage } from "@/app/_components/api/types";
import type { AttachmentView } from "@/lib/live/messages";

// What a message offers; stable functions, so that memoised message items do not re-render for them.
export type MessageActions = {
  edit: (message: ChatMessage, content: string, attachments: AttachmentView[]) => Promise<boolean>;
  regenerate: (message: ChatMessage) => Promise<void>;
  showVersion: (messageId: string) => Promise<void>;
  copyToMyChats: (message: ChatMessage) => Promise<void>;
  /** Opens the share-link dialog for a snapshot ending at this message; null for readers who do not own it. */
  shareUpTo: ((message: ChatMessage) => void) | null;
  /** Asks the model to go on with a reply its output limit cut: a turn of its own, sent as the user. */
  continueReply: () => void;
};

export type MessageItemProps = {
  message: ChatMessage;
  // A reply streams or the thread is switching versions: nothing may change the thread meanwhile.
  isBusy: boolean;
  actions: MessageActions;
  // Team viewers read only: no edit, regenerate or version switch.
  canWrite: boolean;
  // Team conversations name the author of each user turn.
  showsAuthors: boolean;
  // The conversation's model reads images: a message's editor refuses an image on its chip otherwise.
  readsImages: boolean;
  // The thread's last message: only a reply there can be continued.
  isNewest: boolean;
};

export const MESSAGE_ACTION_BUTTON =
  "flex size-7 items-center justify-center rounded-md text-ink-muted hover:bg-hover hover:text-ink disabled:opacity-40 disabled:hover:bg-transparent";
