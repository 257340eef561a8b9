import { useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import type { VersionSwitch } from "@/app/_components/chat/live/thread-reducer";

// Windowed rendering: at most this many messages are in the DOM, however long the thread; scrolling moves the
// window a step at a time. Counted from the newest message, so replies arriving and older pages landing on top
// leave the rendered messages where they are.
const MAX_RENDERED = 60;
const STEP = 20;

export type MessageWindow = {
  start: number;
  end: number;
  revealOlder: () => void;
  revealNewer: () => void;
  showNewest: () => void;
  /** Renders the message at `index` (and a step of later ones below it) if the window leaves it out. */
  showAround: (index: number) => void;
};

export function useMessageWindow(messages: ChatMessage[], versionSwitch: VersionSwitch | null): MessageWindow {
  const { length } = messages;
  const [hiddenBelow, setHiddenBelow] = useState(0);
  const [followedSwitch, setFollowedSwitch] = useState(versionSwitch);
  if (versionSwitch !== followedSwitch) {
    setFollowedSwitch(versionSwitch);
    if (versionSwitch) {
      const switchedIndex = messages.findIndex((message) => message.id === versionSwitch.messageId);
      setHiddenBelow((current) => hiddenAfterSwitch(current, length, switchedIndex, versionSwitch.lengthChange));
    }
  }
  const end = Math.max(0, length - Math.min(hiddenBelow, length));
  const start = Math.max(0, end - MAX_RENDERED);
  return {
    start,
    end,
    revealOlder: () => setHiddenBelow((current) => current + Math.min(STEP, start)),
    revealNewer: () => setHiddenBelow((current) => Math.max(0, current - STEP)),
    showNewest: () => setHiddenBelow(0),
    showAround: (index) => {
      if (index < start || index >= end) setHiddenBelow(Math.max(0, length - (index + 1 + STEP)));
    },
  };
}

/**
 * The window after a switch of version, which replaced the thread below the message switched to (at
 * `switchedIndex` of the new thread, -1 if it is not in it): a window that showed the newest messages still does
 * when they include it; else it keeps its place among the messages above, which stay (counted from the newest, it
 * would have moved by the change in length: `lengthChange`, null when the thread was replaced whole, which opens at
 * its newest message as on arrival).
 */
export function hiddenAfterSwitch(
  hiddenBelow: number,
  length: number,
  switchedIndex: number,
  lengthChange: number | null,
): number {
  if (lengthChange === null || switchedIndex === -1) return 0;
  if (hiddenBelow === 0 && switchedIndex >= length - MAX_RENDERED) return 0;
  return Math.max(0, hiddenBelow + lengthChange);
}
