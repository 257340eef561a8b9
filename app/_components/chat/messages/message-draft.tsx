"use client";

import { type RefObject, useEffect, useLayoutEffect } from "react";
import { KEEPS_FOCUS_ATTRIBUTE } from "@/app/_components/ui/keeps-focus";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_MESSAGE_LENGTH } from "@/lib/limits";

/**
 * Focuses a textarea on arrival, the caret after the text it comes with (a draft, the message being edited); not
 * when a notice that must keep the focus has it (the Undo of the open conversation just deleted, whose page this
 * replaces).
 */
export function useFocusOnArrival(textareaRef: RefObject<HTMLTextAreaElement | null>) {
  useEffect(() => {
    const textarea = textareaRef.current;
    if (document.activeElement?.closest(`[${KEEPS_FOCUS_ATTRIBUTE}]`)) return;
    textarea?.focus();
    textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [textareaRef]);
}

/** Grows a textarea with its text up to `maxHeightPx`, then scrolls. */
export function useAutoGrow(textareaRef: RefObject<HTMLTextAreaElement | null>, text: string, maxHeightPx: number) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the text, read from the DOM.
  useLayoutEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.style.height = "auto";
    textarea.style.height = `${Math.min(textarea.scrollHeight, maxHeightPx)}px`;
    textarea.style.overflowY = textarea.scrollHeight > maxHeightPx ? "auto" : "hidden";
  }, [text, maxHeightPx]);
}

export function isDraftTooLong(draft: string): boolean {
  return draft.length > MAX_MESSAGE_LENGTH;
}

/** The same words wherever a message is written: the composer and the edit form. */
export function DraftTooLongAlert({ draft, id, className }: { draft: string; id?: string; className: string }) {
  const { t } = useTranslator();
  if (!isDraftTooLong(draft)) return null;
  return (
    <p id={id} role="alert" className={className}>
      {t("composer.tooLong", { length: draft.length, max: MAX_MESSAGE_LENGTH })}
    </p>
  );
}
