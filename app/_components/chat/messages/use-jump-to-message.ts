import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import type { MessageWindow } from "./use-message-window";
import type { OlderMessages } from "./use-older-messages";

// Opening a conversation at a message (a search result's, `?message=`): the server sends the thread through it, read
// up to it; these hooks bring it into view once, and the thread then behaves as it always does.

export type JumpTarget = { targetId: string | null; finish: () => void };

/**
 * The message still to jump to, for the thread's view. A message further up than the server's first read (a very long
 * thread) is reached by reading older pages, as scrolling up would. Given up on when the thread has no more of them.
 */
export function useJumpTarget(
  focusMessageId: string | null,
  messages: ChatMessage[],
  older: OlderMessages,
): JumpTarget {
  const [targetId, setTargetId] = useState(focusMessageId);
  const isLoaded = targetId !== null && messages.some((message) => message.id === targetId);
  const { hasOlder, isLoading, error, loadMore } = older;
  useEffect(() => {
    if (targetId === null || isLoaded || isLoading) return;
    if (hasOlder && !error) void loadMore();
    else setTargetId(null);
  }, [targetId, isLoaded, hasOlder, isLoading, error, loadMore]);
  const finish = useCallback(() => setTargetId(null), []);
  return { targetId, finish };
}

type JumpOptions = {
  jump: JumpTarget;
  messages: ChatMessage[];
  messageWindow: MessageWindow;
  holdInView: (messageId: string) => HTMLElement | null;
};

/**
 * Renders the target message, scrolls it into view and gives it the focus, once it is in the thread. Returns the
 * message jumped to, which the list marks (a ring while it has the focus, a name for screen readers).
 */
export function useJumpToMessage({ jump, messages, messageWindow, holdInView }: JumpOptions) {
  const { targetId, finish } = jump;
  const [markedId, setMarkedId] = useState<string | null>(null);
  const index = targetId === null ? -1 : messages.findIndex((message) => message.id === targetId);
  const showAroundRef = useRef(messageWindow.showAround);
  useLayoutEffect(() => {
    showAroundRef.current = messageWindow.showAround;
  });

  // Before the browser paints: the reader does not see the thread's end first and then the jump.
  useLayoutEffect(() => {
    if (targetId === null || index === -1) return;
    showAroundRef.current(index);
    setMarkedId(targetId);
  }, [targetId, index]);

  // Once the marked message is rendered (focusable), in the window moved to it.
  useLayoutEffect(() => {
    if (targetId === null || markedId !== targetId) return;
    const element = holdInView(targetId);
    if (!element) return;
    // Scrolled already, to the middle of the view; the browser's own scroll on focus would put it at an edge.
    element.focus({ preventScroll: true });
    finish();
  });

  return markedId;
}
