"use client";

import { useEffect, useRef } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { KEEPS_FOCUS_ATTRIBUTE } from "./keeps-focus";

type UndoNoticeProps = {
  message: string;
  onUndo: () => void;
  /** The notice's time is up; `hadFocus`: the keyboard was on it, and needs another place. */
  onExpire: (hadFocus: boolean) => void;
};

// Long enough to notice and reach the button; the server keeps a deleted conversation restorable far longer.
const UNDO_VISIBLE_MS = 8_000;

/**
 * What was just done, with the button that takes it back. It sits in the flow of the page where it is placed (it
 * covers nothing), and its button takes the focus as it appears: the element that was acted on is gone.
 */
export function UndoNotice({ message, onUndo, onExpire }: UndoNoticeProps) {
  const { t } = useTranslator();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    const timer = setTimeout(
      () => onExpire(rootRef.current?.contains(document.activeElement) ?? false),
      UNDO_VISIBLE_MS,
    );
    return () => clearTimeout(timer);
  }, [onExpire]);

  return (
    <div
      ref={rootRef}
      role="status"
      {...{ [KEEPS_FOCUS_ATTRIBUTE]: true }}
      className="bg-ink text-canvas flex items-center gap-2 rounded-xl px-3 py-2 text-sm shadow-lg"
    >
      <span className="min-w-0 flex-1 truncate">{message}</span>
      <button
        ref={buttonRef}
        type="button"
        onClick={onUndo}
        className="shrink-0 rounded-md px-2 py-1 font-semibold underline"
      >
        {t("common.undo")}
      </button>
    </div>
  );
}
