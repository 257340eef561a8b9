"use client";

import type { ChatMessage } from "@/app/_components/api/types";
import type { VersionSwitch } from "@/app/_components/chat/live/thread-reducer";
import { LoadMoreSentinel, NextPage } from "@/app/_components/ui/load-more-sentinel";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { MessageActions } from "./message-actions";
import { MessageItem } from "./message-item";
import { type JumpTarget, useJumpToMessage } from "./use-jump-to-message";
import { useMessageWindow } from "./use-message-window";
import type { OlderMessages } from "./use-older-messages";
import { useScrollFollow } from "./use-scroll-follow";

type MessageListProps = {
  messages: ChatMessage[];
  isStreaming: boolean;
  isBusy: boolean;
  actions: MessageActions;
  older: OlderMessages;
  canWrite: boolean;
  showsAuthors: boolean;
  readsImages: boolean;
  // The message to bring into view (a search match), until `finish` says it is there.
  jump: JumpTarget;
  versionSwitch: VersionSwitch | null;
};

// The message jumped to has the focus, so that keyboard and screen reader users start there; the ring shows sighted
// users where it is, even after a click (unlike the usual focus-visible ring), and goes once the focus moves on.
const JUMPED_TO_MESSAGE = "rounded-3xl focus:outline-2 focus:outline-offset-8 focus:outline-focus";

export function MessageList({
  messages,
  isStreaming,
  isBusy,
  actions,
  older,
  canWrite,
  showsAuthors,
  readsImages,
  jump,
  versionSwitch,
}: MessageListProps) {
  const { t } = useTranslator();
  const messageWindow = useMessageWindow(messages, versionSwitch);
  const shown = messages.slice(messageWindow.start, messageWindow.end);
  const isNewestShown = messageWindow.end === messages.length;
  const { scrollerRef, handleScroll, holdInView } = useScrollFollow(messages, messageWindow, isNewestShown);
  const jumpedToId = useJumpToMessage({ jump, messages, messageWindow, holdInView });
  const jumpedToProps = {
    role: "group",
    "aria-label": t("thread.searchMatch"),
    tabIndex: -1,
    className: JUMPED_TO_MESSAGE,
  };

  return (
    // The browser's own scroll anchoring is off: useScrollFollow does it, the same way in every browser.
    <div ref={scrollerRef} onScroll={handleScroll} className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]">
      <div
        role="log"
        aria-label={t("thread.messages")}
        aria-live="polite"
        aria-busy={isStreaming}
        className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-8 pb-10"
      >
        {messageWindow.start > 0 ? (
          // Keyed by the window's edge: a new observer reports at once whether it is still in view after a step.
          <LoadMoreSentinel
            key={messageWindow.start}
            label={t("thread.showEarlier")}
            isLoading={false}
            onLoadMore={messageWindow.revealOlder}
            className="self-center"
          />
        ) : older.hasOlder ? (
          <NextPage
            more={older}
            label={t("thread.showEarlier")}
            failure={(reason) => t("thread.loadEarlierFailed", { reason })}
            retryLabel={t("conversations.retry")}
            className="self-center"
          />
        ) : null}
        {shown.map((message) => (
          <div key={message.id} data-message-id={message.id} {...(message.id === jumpedToId ? jumpedToProps : {})}>
            <MessageItem
              message={message}
              isBusy={isBusy}
              actions={actions}
              canWrite={canWrite}
              showsAuthors={showsAuthors}
              readsImages={readsImages}
              isNewest={message === messages.at(-1)}
            />
          </div>
        ))}
        {isNewestShown ? null : (
          <LoadMoreSentinel
            key={messageWindow.end}
            label={t("thread.showLater")}
            isLoading={false}
            onLoadMore={messageWindow.revealNewer}
            className="self-center"
          />
        )}
      </div>
    </div>
  );
}
