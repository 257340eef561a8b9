"use client";

import { useCallback, useMemo, useState } from "react";
import type {
  ChatMessage,
  Conversation,
  ConversationDetails,
  ConversationSharing,
  TeamRef,
  TeamSharing,
} from "@/app/_components/api/types";
import { ConversationHeader } from "@/app/_components/chat/header/conversation-header";
import { SystemPromptNote } from "@/app/_components/chat/header/system-prompt-note";
import { useCurrentTeamName } from "@/app/_components/chat/header/use-current-team-name";
import { useChatStream } from "@/app/_components/chat/live/use-chat-stream";
import { useConversationWatch } from "@/app/_components/chat/live/use-conversation-watch";
import type { MessageActions } from "@/app/_components/chat/messages/message-actions";
import { MessageList } from "@/app/_components/chat/messages/message-list";
import { ReplyFeedbackProvider } from "@/app/_components/chat/messages/reply-feedback";
import { useOlderMessages } from "@/app/_components/chat/messages/use-older-messages";
import { ShareLinkDialog } from "@/app/_components/share-links";
import { useShortcut } from "@/app/_components/ui/keyboard-shortcuts";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { selectVisibleMessages } from "./chat-messages";
import {
  useConversationTitle,
  useCopyToMyChats,
  useFollowOnArrival,
  useNewVersionThenFocusMessageBox,
  useOpenAtFocus,
} from "./chat-thread-hooks";
import type { RefusedMessage } from "./composer";
import { ConversationNotFound } from "./conversation-not-found";
import { readsImages, useModels } from "./model-picker";
import { ThreadFooter } from "./thread-footer";

type ChatThreadProps = { conversation: Conversation };

// The share-link dialog is open; `upTo` null: up to the newest message shown.
type ShareRequest = { upTo: ChatMessage | null };

export function ChatThread({ conversation }: ChatThreadProps) {
  const { t } = useTranslator();
  const [details, setDetails] = useState<ConversationDetails>(() => toDetails(conversation));
  const { sharing, hasLostAccess, loseAccess, changeTeam } = useSharing(conversation);
  const [refused, setRefused] = useState<RefusedMessage | null>(null);
  const [shareRequest, setShareRequest] = useState<ShareRequest | null>(null);
  const isOwner = sharing.access === "own";
  const shareUpTo = useCallback((message: ChatMessage) => setShareRequest({ upTo: message }), []);
  const updateDetails = useCallback((next: ConversationDetails) => setDetails(toDetails(next)), []);
  const stream = useChatStream(conversation.id, conversation.messages, updateDetails);
  const { messages, isStreaming, isBusy, error, send, showVersion, reattach, stop } = stream;
  const { messageBoxRef, edit, regenerate } = useNewVersionThenFocusMessageBox(stream.edit, stream.regenerate);
  const older = useOlderMessages(conversation.id, messages, stream.showOlder);
  const jump = useOpenAtFocus(conversation.focus, { messages, older, showVersion }, sharing.access !== "read");
  const { copy, copyError } = useCopyToMyChats(conversation.id);
  const { models } = useModels(conversation.id);
  const modelReadsImages = readsImages(models, details.modelId);
  const visibleMessages = selectVisibleMessages(messages);
  const actions = useMemo<MessageActions>(() => {
    const continueReply = () => void send(t("message.continuePrompt"));
    return { edit, regenerate, showVersion, copyToMyChats: copy, shareUpTo: isOwner ? shareUpTo : null, continueReply };
  }, [edit, regenerate, showVersion, copy, isOwner, shareUpTo, send, t]);
  // Readers follow other members' replies but may not stop them.
  useShortcut("stop", stop, isStreaming && sharing.access !== "read");
  useConversationTitle(conversation.id, details, setDetails);
  useFollowOnArrival(conversation.id, conversation.messages.at(-1), stream, setRefused);

  // Someone else's turn in a team conversation: follow its reply (ignored while this page runs one of its own,
  // whose end fetches the thread with everything new in it).
  useConversationWatch(conversation.id, sharing.team !== null, {
    onActivity: () => void reattach(),
    onAccessLost: loseAccess,
  });

  if (hasLostAccess) return <ConversationNotFound />;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <ConversationHeader
        details={details}
        onDetailsChange={updateDetails}
        sharing={sharing}
        onTeamChange={changeTeam}
        onShareLink={() => setShareRequest({ upTo: null })}
        hasMessages={messages.length > 0}
      />
      {shareRequest ? (
        <ShareLinkDialog
          conversationId={conversation.id}
          upTo={shareRequest.upTo}
          onClose={() => setShareRequest(null)}
        />
      ) : null}
      {details.systemPrompt ? <SystemPromptNote prompt={details.systemPrompt} /> : null}
      {visibleMessages.length === 0 ? (
        <div className="flex flex-1 items-center justify-center px-4">
          <p className="text-ink-muted">{t("chat.empty")}</p>
        </div>
      ) : (
        <ReplyFeedbackProvider conversationId={conversation.id}>
          <MessageList
            messages={visibleMessages}
            isStreaming={isStreaming}
            isBusy={isBusy}
            actions={actions}
            older={older}
            canWrite={sharing.access !== "read"}
            showsAuthors={sharing.team !== null}
            readsImages={modelReadsImages}
            jump={jump}
            versionSwitch={stream.versionSwitch}
          />
        </ReplyFeedbackProvider>
      )}
      <ThreadFooter
        draftKey={conversation.id}
        readsImages={modelReadsImages}
        alert={error ?? copyError}
        canWrite={sharing.access !== "read"}
        onSend={send}
        onStop={stop}
        isStreaming={isStreaming}
        isBusy={isBusy}
        refused={refused}
        messageBoxRef={messageBoxRef}
      />
    </div>
  );
}

/** What the reader may do with the conversation, and whether they lost it (taken out of its team, or they out of it). */
function useSharing(conversation: Conversation) {
  const [sharing, setSharing] = useState<ConversationSharing>(() => toSharing(conversation));
  const [hasLostAccess, setHasLostAccess] = useState(false);
  const loseAccess = useCallback(() => setHasLostAccess(true), []);
  const changeTeam = useCallback(
    ({ team, canStopSharing }: TeamSharing) => {
      setSharing((current) => ({ ...current, team, canStopSharing }));
      // A team owner who takes someone else's conversation out of the team has no access left to it.
      setHasLostAccess((lost) => lost || (team === null && sharing.access !== "own"));
    },
    [sharing.access],
  );
  const renameTeam = useCallback(
    (team: TeamRef) => setSharing((current) => (current.team?.id === team.id ? { ...current, team } : current)),
    [],
  );
  useCurrentTeamName(sharing.team, renameTeam);
  return { sharing, hasLostAccess, loseAccess, changeTeam };
}

function toSharing({ access, team, ownerName, canShare, canStopSharing }: ConversationSharing): ConversationSharing {
  return { access, team, ownerName, canShare, canStopSharing };
}

// Only the conversation's own fields: the thread it may come with lives in the stream's state.
function toDetails(details: ConversationDetails) {
  const { id, title, modelId, updatedAt, systemPrompt, temperature, topP, maxTokens, reasoningEffort } = details;
  return { id, title, modelId, updatedAt, systemPrompt, temperature, topP, maxTokens, reasoningEffort };
}
