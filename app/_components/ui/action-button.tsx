"use client";

import type { Ref } from "react";
import { Button } from "./button";

// A small bordered button for an action on a card or a row (edit, disable, remove). `disabled` (while its action
// runs) leaves it enabled and focused, marked aria-disabled, and ignores clicks: a disabled button would drop the
// keyboard focus to the page just as the answer comes.
type ActionButtonProps = {
  onClick: () => void;
  disabled?: boolean;
  isDanger?: boolean;
  ref?: Ref<HTMLButtonElement>;
  children: string;
};

export function ActionButton({ onClick, disabled = false, isDanger, ref, children }: ActionButtonProps) {
  return (
    <Button
      ref={ref}
      variant={isDanger ? "danger" : "bordered"}
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : onClick}
      className="aria-disabled:opacity-50"
    >
      {children}
    </Button>
  );
}
