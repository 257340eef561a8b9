"use client";

import { useEffect, useRef } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { ChevronLeftIcon, ChevronRightIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";

type VersionSwitcherProps = {
  message: ChatMessage;
  isDisabled: boolean;
  /** False for a team conversation's viewers: they see the versions the writers chose, and are told so. */
  canSwitch: boolean;
  onShowVersion: (messageId: string) => void;
};

type Direction = "previous" | "next";

const ARROW_BUTTON =
  "flex size-7 items-center justify-center rounded-md hover:bg-hover hover:text-ink disabled:opacity-40 disabled:hover:bg-transparent";

// Switching replaces the thread, and with it the button that was pressed; the switcher of the version shown next
// takes the focus back, so keyboard users can keep stepping. Module state: only one switch runs at a time.
let focusAfterSwitch: { messageId: string; direction: Direction } | null = null;

// "‹ 2/3 ›" under a message that was edited or regenerated: its versions are the children of the same parent.
export function VersionSwitcher({ message, isDisabled, canSwitch, onShowVersion }: VersionSwitcherProps) {
  const { t } = useTranslator();
  const previousRef = useRef<HTMLButtonElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const { siblingIds } = message;
  const index = siblingIds.indexOf(message.id);
  const previousId = siblingIds[index - 1];
  const nextId = siblingIds[index + 1];

  useEffect(() => {
    if (isDisabled || focusAfterSwitch?.messageId !== message.id) return;
    const wanted = focusAfterSwitch.direction === "previous" ? previousRef.current : nextRef.current;
    const other = focusAfterSwitch.direction === "previous" ? nextRef.current : previousRef.current;
    focusAfterSwitch = null;
    (wanted && !wanted.disabled ? wanted : other)?.focus();
  }, [message.id, isDisabled]);

  if (siblingIds.length < 2 || index === -1) return null;
  const position = { index: index + 1, total: siblingIds.length };
  if (!canSwitch) {
    const explanation = t("message.versionChosenByEditors", position);
    return (
      <p title={explanation} className="text-ink-muted min-w-8 text-center text-xs tabular-nums">
        <span aria-hidden="true">
          {position.index}/{position.total}
        </span>
        <span className="sr-only">{explanation}</span>
      </p>
    );
  }

  function show(messageId: string | undefined, direction: Direction): void {
    if (!messageId) return;
    focusAfterSwitch = { messageId, direction };
    onShowVersion(messageId);
  }

  return (
    <fieldset aria-label={t("message.version", position)} className="text-ink-muted flex items-center text-xs">
      <button
        ref={previousRef}
        type="button"
        aria-label={t("message.previousVersion")}
        disabled={isDisabled || !previousId}
        onClick={() => show(previousId, "previous")}
        className={ARROW_BUTTON}
      >
        <ChevronLeftIcon width={16} height={16} />
      </button>
      {/* The group's name says it in words; "2 slash 3" would only repeat it. */}
      <span aria-hidden="true" className="min-w-8 text-center tabular-nums">
        {position.index}/{position.total}
      </span>
      <button
        ref={nextRef}
        type="button"
        aria-label={t("message.nextVersion")}
        disabled={isDisabled || !nextId}
        onClick={() => show(nextId, "next")}
        className={ARROW_BUTTON}
      >
        <ChevronRightIcon width={16} height={16} />
      </button>
    </fieldset>
  );
}
