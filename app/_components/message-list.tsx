"use client";

import { useLayoutEffect, useRef } from "react";
import type { ChatMessage } from "./chat-types";
import type { MessageActions } from "./message-actions";
import { MessageItem } from "./message-item";

type MessageListProps = { messages: ChatMessage[]; isStreaming: boolean; isBusy: boolean; actions: MessageActions };

// How close to the bottom still counts as "following" the reply.
const FOLLOW_THRESHOLD_PX = 80;

export function MessageList({ messages, isStreaming, isBusy, actions }: MessageListProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const isFollowingRef = useRef(true);
  const lastMessageIdRef = useRef<string | null>(null);

  function handleScroll(): void {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const distanceFromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    isFollowingRef.current = distanceFromBottom <= FOLLOW_THRESHOLD_PX;
  }

  useLayoutEffect(() => {
    const lastMessage = messages.at(-1);
    // Sending a message means the user wants to see the answer, even if they had scrolled up to read.
    if (lastMessage?.role === "USER" && lastMessage.id !== lastMessageIdRef.current) isFollowingRef.current = true;
    lastMessageIdRef.current = lastMessage?.id ?? null;
    const scroller = scrollerRef.current;
    if (scroller && isFollowingRef.current) scroller.scrollTop = scroller.scrollHeight;
  }, [messages]);

  return (
    <div ref={scrollerRef} onScroll={handleScroll} className="min-h-0 flex-1 overflow-y-auto">
      <div
        role="log"
        aria-label="Messages"
        aria-live="polite"
        aria-busy={isStreaming}
        className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-8 pb-10"
      >
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} isBusy={isBusy} actions={actions} />
        ))}
      </div>
    </div>
  );
}
