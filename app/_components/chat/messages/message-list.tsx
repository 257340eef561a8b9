"use client";

import { useLayoutEffect, useRef } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { LoadMoreSentinel } from "@/app/_components/ui/load-more-sentinel";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { MessageActions } from "./message-actions";
import { MessageItem } from "./message-item";
import { useMessageWindow } from "./use-message-window";
import type { OlderMessages } from "./use-older-messages";

type MessageListProps = {
  messages: ChatMessage[];
  isStreaming: boolean;
  isBusy: boolean;
  actions: MessageActions;
  older: OlderMessages;
  canWrite: boolean;
  showsAuthors: boolean;
};

// How close to the bottom still counts as "following" the reply.
const FOLLOW_THRESHOLD_PX = 80;

type ScrollAnchor = { id: string; top: number };

export function MessageList({
  messages,
  isStreaming,
  isBusy,
  actions,
  older,
  canWrite,
  showsAuthors,
}: MessageListProps) {
  const { t } = useTranslator();
  const scrollerRef = useRef<HTMLDivElement>(null);
  const isFollowingRef = useRef(true);
  const anchorRef = useRef<ScrollAnchor | null>(null);
  const lastMessageIdRef = useRef<string | null>(null);
  const messageWindow = useMessageWindow(messages.length);
  const shown = messages.slice(messageWindow.start, messageWindow.end);
  const isNewestShown = messageWindow.end === messages.length;

  // The first message in view and where it is, so that changes above it (older messages revealed, the window
  // moving) leave what the user reads where it was.
  function findAnchor(): ScrollAnchor | null {
    const scroller = scrollerRef.current;
    if (!scroller) return null;
    const scrollerTop = scroller.getBoundingClientRect().top;
    for (const element of scroller.querySelectorAll<HTMLElement>("[data-message-id]")) {
      const { top, bottom } = element.getBoundingClientRect();
      if (bottom > scrollerTop) return { id: element.dataset.messageId ?? "", top: top - scrollerTop };
    }
    return null;
  }

  function handleScroll(): void {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const distanceFromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    isFollowingRef.current = isNewestShown && distanceFromBottom <= FOLLOW_THRESHOLD_PX;
    anchorRef.current = findAnchor();
  }

  useLayoutEffect(() => {
    const lastMessage = messages.at(-1);
    const scroller = scrollerRef.current;
    // Sending a message means the user wants to see the answer, even if they had scrolled up to read.
    if (lastMessage?.role === "USER" && lastMessage.id !== lastMessageIdRef.current) {
      isFollowingRef.current = true;
      if (!isNewestShown) messageWindow.showNewest();
    }
    lastMessageIdRef.current = lastMessage?.id ?? null;
    if (!scroller) return;
    if (isFollowingRef.current) {
      scroller.scrollTop = scroller.scrollHeight;
      return;
    }
    const anchor = anchorRef.current;
    const element = anchor ? scroller.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(anchor.id)}"]`) : null;
    if (!anchor || !element) return;
    const moved = element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.top;
    scroller.scrollTop += moved;
  });

  return (
    // The browser's own scroll anchoring is off: the effect above does it, the same way in every browser.
    <div ref={scrollerRef} onScroll={handleScroll} className="min-h-0 flex-1 overflow-y-auto [overflow-anchor:none]">
      <div
        role="log"
        aria-label={t("thread.messages")}
        aria-live="polite"
        aria-busy={isStreaming}
        className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-8 pb-10"
      >
        {messageWindow.start > 0 || older.hasOlder ? (
          // Keyed by the window's edge: a new observer reports at once whether it is still in view after a step.
          <LoadMoreSentinel
            key={messageWindow.start}
            label={t("thread.showEarlier")}
            isLoading={older.isLoading}
            onLoadMore={messageWindow.start > 0 ? messageWindow.revealOlder : () => void older.load()}
            className="self-center"
          />
        ) : null}
        {older.error ? (
          <p role="alert" className="text-danger self-center text-sm">
            {older.error}
          </p>
        ) : null}
        {shown.map((message) => (
          <div key={message.id} data-message-id={message.id}>
            <MessageItem
              message={message}
              isBusy={isBusy}
              actions={actions}
              canWrite={canWrite}
              showsAuthors={showsAuthors}
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
