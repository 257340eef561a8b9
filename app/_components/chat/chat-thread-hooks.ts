import { useRouter } from "next/navigation";
import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import {
  CONVERSATION_RENAMED_EVENT,
  type ConversationRenamed,
  notifyConversationsChanged,
} from "@/app/_components/api/conversation-events";
import type { ChatMessage, Conversation, ConversationDetails } from "@/app/_components/api/types";
import { shownTitle } from "@/app/_components/history";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { copyToMyChats } from "./chat-requests";
import type { RefusedMessage } from "./composer";
import { type FirstTurn, takeFirstTurn } from "./first-turn";
import type { ReplyOutcome } from "./live/use-reply-runner";
import { type JumpTarget, useJumpTarget } from "./messages/use-jump-to-message";
import type { OlderMessages } from "./messages/use-older-messages";

// The conversation's title in the header and the tab: it changes on rename, here or in the sidebar, and when the
// model titles a new conversation (its reply's stream announces it, use-chat-stream.ts).
export function useConversationTitle(
  conversationId: string,
  details: ConversationDetails,
  setDetails: Dispatch<SetStateAction<ConversationDetails>>,
): void {
  const { t } = useTranslator();
  useEffect(() => {
    document.title = `${shownTitle(details.title, t)} · Parley`;
  }, [details.title, t]);

  useEffect(() => {
    function handleRename(event: Event): void {
      const { id, title } = (event as CustomEvent<ConversationRenamed>).detail;
      if (id === conversationId) setDetails((current) => (current.title === title ? current : { ...current, title }));
    }
    window.addEventListener(CONVERSATION_RENAMED_EVENT, handleRename);
    return () => window.removeEventListener(CONVERSATION_RENAMED_EVENT, handleRename);
  }, [conversationId, setDetails]);
}

// On arrival: follow the reply to the first message of a new chat (sent from "/"), or a reply still being
// generated. A timer, so that React's development-mode double mount (effect, cleanup, effect) cancels the first
// attempt instead of following twice or not at all. `onRefused` gets the first message back, its text and its files,
// if the server refused it.
export function useFollowOnArrival(
  conversationId: string,
  lastMessage: ChatMessage | undefined,
  stream: { followFirstTurn: (turn: FirstTurn) => Promise<ReplyOutcome>; reattach: () => Promise<void> },
  onRefused: (message: RefusedMessage | null) => void,
): void {
  const { followFirstTurn, reattach } = stream;
  const isReplyLive = lastMessage?.status === "STREAMING";
  useEffect(() => {
    const timer = setTimeout(() => {
      const firstTurn = takeFirstTurn(conversationId);
      if (firstTurn) {
        const { content, attachments } = firstTurn;
        void followFirstTurn(firstTurn).then((outcome) =>
          onRefused(outcome === "refused" ? { content, attachments } : null),
        );
      } else if (isReplyLive) void reattach();
    }, 0);
    return () => clearTimeout(timer);
  }, [conversationId, isReplyLive, followFirstTurn, reattach, onRefused]);
}

// Opened at a message (a search result's, `?message=`): the thread's view jumps to it. When its thread is not the
// current one, a writer's page makes it current, as a switch of version with "< >" does, so that what they send next
// continues the thread they see and the conversation opens there next time; readers may not switch versions, and
// their page shows that thread to them alone. A timer, as above, so that React's development-mode double mount
// switches once.
export function useOpenAtFocus(
  focus: Conversation["focus"],
  thread: { messages: ChatMessage[]; older: OlderMessages; showVersion: (messageId: string) => Promise<void> },
  canWrite: boolean,
): JumpTarget {
  const { messages, older, showVersion } = thread;
  const switchTo = focus && !focus.isCurrentThread && canWrite ? focus.messageId : null;
  const hasSwitchedRef = useRef(false);
  useEffect(() => {
    if (!switchTo || hasSwitchedRef.current) return;
    const timer = setTimeout(() => {
      hasSwitchedRef.current = true;
      void showVersion(switchTo);
    }, 0);
    return () => clearTimeout(timer);
  }, [switchTo, showVersion]);
  return useJumpTarget(focus?.messageId ?? null, messages, older);
}

// "Copy to my chats": a private copy of the thread up to a message, opened at once.
export function useCopyToMyChats(conversationId: string) {
  const translator = useTranslator();
  const router = useRouter();
  const [copyError, setCopyError] = useState<string | null>(null);
  const copy = useCallback(
    async (message: ChatMessage): Promise<void> => {
      setCopyError(null);
      const result = await copyToMyChats(conversationId, message.id);
      if (!result.isOk) {
        setCopyError(describeError(result.error, translator));
        return;
      }
      notifyConversationsChanged();
      router.push(`/c/${result.data.id}`);
    },
    [conversationId, router, translator],
  );
  return { copy, copyError };
}

type Edit = (message: ChatMessage, content: string, attachments: AttachmentView[]) => Promise<boolean>;
type Regenerate = (message: ChatMessage) => Promise<void>;

/**
 * A new version leaves with the control the keyboard was on (the edit's form, once accepted; a regenerated reply's
 * buttons, at once: the new reply takes its place): the keyboard goes on in the message box, below the new reply.
 */
export function useNewVersionThenFocusMessageBox(edit: Edit, regenerate: Regenerate) {
  const messageBoxRef = useRef<HTMLTextAreaElement>(null);
  const editThenFocus = useCallback<Edit>(
    async (...request) => {
      const isAccepted = await edit(...request);
      if (isAccepted) messageBoxRef.current?.focus();
      return isAccepted;
    },
    [edit],
  );
  const regenerateThenFocus = useCallback<Regenerate>(
    (message) => {
      const reply = regenerate(message);
      messageBoxRef.current?.focus();
      return reply;
    },
    [regenerate],
  );
  return { messageBoxRef, edit: editThenFocus, regenerate: regenerateThenFocus };
}
