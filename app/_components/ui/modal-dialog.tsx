"use client";

import { type ReactNode, useEffect, useId, useRef } from "react";

const WIDTHS = {
  narrow: "w-[min(26rem,calc(100%-2rem))]",
  medium: "w-[min(28rem,calc(100%-2rem))]",
  wide: "w-[min(32rem,calc(100%-2rem))]",
} as const;

type ModalDialogProps = {
  isOpen: boolean;
  /** Called when the dialog closes itself (Escape) as well as after `isOpen` turned false. */
  onClose: () => void;
  title: string;
  width?: keyof typeof WIDTHS;
  /** "alertdialog" for a question that interrupts (a confirmation). */
  role?: "dialog" | "alertdialog";
  children: ReactNode;
};

// The app's modal dialog: the native <dialog> (focus kept inside, Escape, backdrop), shown while `isOpen` and named
// by its title. The content renders only while open, so that every opening starts from a fresh state.
export function ModalDialog({ isOpen, onClose, title, width = "medium", role, children }: ModalDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) dialog.showModal();
    if (!isOpen && dialog.open) dialog.close();
  }, [isOpen]);

  return (
    <dialog
      ref={dialogRef}
      role={role}
      aria-labelledby={titleId}
      // React passes a nested dialog's close event on to this one: only this dialog's own closing closes it.
      onClose={(event) => event.target === event.currentTarget && onClose()}
      className={`m-auto ${WIDTHS[width]} border-line bg-canvas text-ink rounded-2xl border p-6 shadow-xl backdrop:bg-black/40`}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        {title}
      </h2>
      {isOpen ? children : null}
    </dialog>
  );
}
