import { useLayoutEffect, useRef } from "react";
import type { ChatMessage } from "@/app/_components/api/types";

// How close to the bottom still counts as "following" the reply.
const FOLLOW_THRESHOLD_PX = 80;
// A message brought into view (a search match) is centred, or, taller than the view, shown from its start this far
// below the top.
const HELD_MESSAGE_MARGIN_PX = 24;

// `scrollTop`: the scroller's position when the anchor was taken or last restored.
type ScrollAnchor = { id: string; top: number; scrollTop: number };
type MessageWindow = { showNewest: () => void };

// The first message in view and where it is, so that changes above it (older messages revealed, the window
// moving) leave what the user reads where it was.
function findAnchor(scroller: HTMLElement): ScrollAnchor | null {
  const scrollerTop = scroller.getBoundingClientRect().top;
  for (const element of scroller.querySelectorAll<HTMLElement>("[data-message-id]")) {
    const { top, bottom } = element.getBoundingClientRect();
    if (bottom > scrollerTop) {
      return { id: element.dataset.messageId ?? "", top: top - scrollerTop, scrollTop: scroller.scrollTop };
    }
  }
  return null;
}

function findMessage(scroller: HTMLElement, messageId: string): HTMLElement | null {
  return scroller.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
}

/** Scrolls so that the anchor's message is where the anchor says (if that message is rendered). */
function restoreAnchor(scroller: HTMLElement, anchor: ScrollAnchor): void {
  const element = findMessage(scroller, anchor.id);
  if (!element) return;
  scroller.scrollTop += element.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.top;
  anchor.scrollTop = scroller.scrollTop;
}

/**
 * Keeps the thread's scroll where the reader wants it: at the bottom while they follow the reply, else with the
 * message they read where it was. Returns the scroller's ref, its scroll handler, and `holdInView`, which brings a
 * rendered message into view and keeps it there (its element, or null when it is not rendered).
 */
export function useScrollFollow(messages: ChatMessage[], messageWindow: MessageWindow, isNewestShown: boolean) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const isFollowingRef = useRef(true);
  const anchorRef = useRef<ScrollAnchor | null>(null);
  const lastMessageIdRef = useRef<string | null>(null);

  function handleScroll(): void {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const distanceFromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    isFollowingRef.current = isNewestShown && distanceFromBottom <= FOLLOW_THRESHOLD_PX;
    // The anchor serves only a reader who scrolled away: following a streaming reply, each delta's scroll would
    // otherwise measure every message shown.
    anchorRef.current = isFollowingRef.current ? null : findAnchor(scroller);
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
    if (!anchor) return;
    // Moved since the anchor was taken, and its scroll event not handled yet (a footnote's link, the browser's find):
    // the reader is where they want to be, and the anchor is taken again there instead of pulling them back.
    if (scroller.scrollTop === anchor.scrollTop) restoreAnchor(scroller, anchor);
    else anchorRef.current = findAnchor(scroller);
  });

  function holdInView(messageId: string): HTMLElement | null {
    const scroller = scrollerRef.current;
    const element = scroller ? findMessage(scroller, messageId) : null;
    if (!scroller || !element) return null;
    isFollowingRef.current = false;
    const top = Math.max(HELD_MESSAGE_MARGIN_PX, (scroller.clientHeight - element.offsetHeight) / 2);
    anchorRef.current = { id: messageId, top, scrollTop: scroller.scrollTop };
    restoreAnchor(scroller, anchorRef.current);
    return element;
  }

  return { scrollerRef, handleScroll, holdInView };
}
