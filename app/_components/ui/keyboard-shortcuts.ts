"use client";

import { useEffect, useRef } from "react";
import type { MessageKey } from "@/app/_i18n/messages-en";

export type ShortcutId = "new-chat" | "focus-composer" | "stop" | "help";

export type Shortcut = {
  id: ShortcutId;
  descriptionKey: MessageKey;

  // Keys as shown to the user; "Mod" is Ctrl, or ⌘ on a Mac.
  keys: string[];
  matches: (event: KeyboardEvent) => boolean;
};

const hasMod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;
const hasNoModifier = (event: KeyboardEvent) => !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;

function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  return (
    target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

// The one list of shortcuts: the handlers and the help dialog both read it.
export const SHORTCUTS: Shortcut[] = [
  {
    id: "new-chat",
    descriptionKey: "shortcuts.newChat",
    keys: ["Mod", "Shift", "O"],
    matches: (event) => hasMod(event) && event.shiftKey && event.key.toLowerCase() === "o",
  },
  {
    id: "focus-composer",
    descriptionKey: "shortcuts.focusComposer",
    keys: ["Shift", "Esc"],
    matches: (event) => event.shiftKey && event.key === "Escape",
  },
  {
    id: "stop",
    descriptionKey: "shortcuts.stop",
    keys: ["Esc"],
    // Not from a one-line field (renaming a chat): there Escape cancels the field.
    matches: (event) => hasNoModifier(event) && event.key === "Escape" && !(event.target instanceof HTMLInputElement),
  },
  {
    id: "help",
    descriptionKey: "shortcuts.help",

    keys: ["Mod", "/"],
    matches: (event) => (hasMod(event) && event.key === "/") || (event.key === "?" && !isTyping(event)),
  },
];

// A modal dialog or the open drawer has the keyboard: Escape closes it rather than stopping a reply.
function isOverlayOpen(): boolean {
  return document.querySelector('dialog[open], [aria-modal="true"]') !== null;
}

export function useShortcut(id: ShortcutId, onTrigger: () => void, isEnabled = true): void {
  const onTriggerRef = useRef(onTrigger);
  onTriggerRef.current = onTrigger;

  useEffect(() => {
    if (!isEnabled) return;
    const shortcut = SHORTCUTS.find((candidate) => candidate.id === id);
    if (!shortcut) return;
    function handleKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || isOverlayOpen() || !shortcut?.matches(event)) return;
      event.preventDefault();
      onTriggerRef.current();
    }
    window.addEventListener("keydown", handleKeyDown);
    return () => window.removeEventListener("keydown", handleKeyDown);
  }, [id, isEnabled]);
}
