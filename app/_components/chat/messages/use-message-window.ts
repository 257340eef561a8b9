import { useState } from "react";
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

export function useMessageWindow(length: number, versionSwitch: VersionSwitch | null): MessageWindow {
  const [hiddenBelow, setHiddenBelow] = useState(0);
  const [followedSwitch, setFollowedSwitch] = useState(versionSwitch);
  if (versionSwitch !== followedSwitch) {
    // A switch of version replaced the thread below the message switched: the messages above it stay, and so does
    // the window's place among them (counted from the newest, it would have moved by the change in length).
    // A thread replaced whole opens at its newest message, as on arrival.
    setFollowedSwitch(versionSwitch);
    const change = versionSwitch?.lengthChange ?? null;
    setHiddenBelow((current) => (change === null ? 0 : Math.max(0, current + change)));
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
