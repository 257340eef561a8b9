"use client";

import { useRef, useState } from "react";

/**
 * The text of a field with a length limit. Not cut at the limit (a paste over it would lose its end unseen): kept
 * whole, with its figures for the field's "too long" message (`tooLong`), and not to be sent while over it.
 */
export function useLimitedText(initial: string, max: number) {
  const [text, setText] = useState(initial);
  return useTextLimit(text, setText, max);
}

/** `useLimitedText` for a text kept elsewhere (a draft that outlives the field). */
export function useTextLimit(text: string, setText: (text: string) => void, max: number) {
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const tooLong = text.length > max ? { length: text.length, max } : null;

  /** Whether the text may be sent; when it may not, the field takes the focus, beside its message. */
  function isSendable(): boolean {
    if (tooLong) fieldRef.current?.focus();
    return tooLong === null;
  }

  return { text, setText, fieldRef, tooLong, isSendable };
}
