"use client";

import { Button } from "./button";

// A small bordered button for an action on a card or a row (edit, disable, remove).
type ActionButtonProps = { onClick: () => void; disabled?: boolean; isDanger?: boolean; children: string };

export function ActionButton({ onClick, disabled, isDanger, children }: ActionButtonProps) {
  return (
    <Button variant={isDanger ? "danger" : "bordered"} onClick={onClick} disabled={disabled}>
      {children}
    </Button>
  );
}
