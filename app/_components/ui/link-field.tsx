"use client";

import { useEffect, useRef } from "react";
import { CopyButton } from "./copy-button";

type LinkFieldProps = {
  url: string;
  label: string;
  copyLabel: string;
  /** A link just made takes the focus from the button that made it (selected, ready to copy). */
  isFocusedOnArrival?: boolean;
};

// A link shown once (an invitation, a share link): read-only, selected whole on focus, with a copy button.
export function LinkField({ url, label, copyLabel, isFocusedOnArrival = false }: LinkFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (isFocusedOnArrival) inputRef.current?.focus();
  }, [isFocusedOnArrival]);

  return (
    <div className="flex items-center gap-2">
      <input
        ref={inputRef}
        readOnly
        value={url}
        aria-label={label}
        onFocus={(event) => event.currentTarget.select()}
        className="border-line bg-canvas min-w-0 flex-1 rounded-xl border px-3 py-2 font-mono text-sm"
      />
      <CopyButton
        text={url}
        label={copyLabel}
        className="border-line hover:bg-hover flex size-9 shrink-0 items-center justify-center rounded-lg border"
      />
    </div>
  );
}
