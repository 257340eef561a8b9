"use client";

import type { Ref } from "react";
import { Button } from "./button";

// A small bordered button for an action on a card or a row (edit, disable, remove).
type ActionButtonProps = {
  onClick: () => void;
  disabled?: boolean;
  isDanger?: boolean;
  children: string;
  /** To give the focus back to the button, after a dialog it opened. */
  ref?: Ref<HTMLButtonElement>;
};

export function ActionButton({ onClick, disabled, isDanger, children, ref }: ActionButtonProps) {
  return (
    <Button ref={ref} variant={isDanger ? "danger" : "bordered"} onClick={onClick} disabled={disabled}>
      {children}
    </Button>
  );
}
