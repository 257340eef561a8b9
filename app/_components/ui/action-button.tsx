"use client";

import type { Ref } from "react";
import { Button } from "./button";

// A small bordered button for an action on a card or a row (edit, disable, remove); `isPending` while it runs.
type ActionButtonProps = {
  onClick: () => void;
  isPending?: boolean;
  isDanger?: boolean;
  ref?: Ref<HTMLButtonElement>;
  children: string;
};

export function ActionButton({ onClick, isPending, isDanger, ref, children }: ActionButtonProps) {
  return (
    <Button ref={ref} variant={isDanger ? "danger" : "bordered"} isPending={isPending} onClick={onClick}>
      {children}
    </Button>
  );
}
