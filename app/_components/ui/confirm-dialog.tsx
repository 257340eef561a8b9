"use client";

import { useCallback, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { ModalDialog } from "./modal-dialog";

export type ConfirmRequest = {
  title: string;
  message: string;
  /** The button that goes ahead, named after what it does ("Delete", "Revoke"), never just "OK". */
  confirmLabel: string;
};

type Pending = ConfirmRequest & { resolve: (isConfirmed: boolean) => void };

/**
 * The app's confirmation before a destructive action, in place of the browser's confirm(): `confirm` opens the
 * dialog and resolves true when the action is confirmed, false when it is cancelled (button, Escape). Render
 * `dialog` once in the component that asks.
 */
export function useConfirmDialog() {
  const [pending, setPending] = useState<Pending | null>(null);
  // Escape closes the dialog and then fires onClose, after a button may already have answered.
  const pendingRef = useRef<Pending | null>(null);

  const answer = useCallback((isConfirmed: boolean) => {
    pendingRef.current?.resolve(isConfirmed);
    pendingRef.current = null;
    setPending(null);
  }, []);

  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        pendingRef.current?.resolve(false);
        const next = { ...request, resolve };
        pendingRef.current = next;
        setPending(next);
      }),
    [],
  );

  const dialog = <ConfirmDialog request={pending} onAnswer={answer} />;
  return { confirm, dialog };
}

type ConfirmDialogProps = { request: ConfirmRequest | null; onAnswer: (isConfirmed: boolean) => void };

function ConfirmDialog({ request, onAnswer }: ConfirmDialogProps) {
  const { t } = useTranslator();
  return (
    <ModalDialog
      isOpen={request !== null}
      onClose={() => onAnswer(false)}
      title={request?.title ?? ""}
      width="narrow"
      role="alertdialog"
    >
      <p className="text-ink-muted mt-2 text-sm">{request?.message}</p>
      <div className="mt-6 flex justify-end gap-2">
        {/* Cancel first and focused: Enter right after opening must not destroy anything. */}
        <button
          type="button"
          // biome-ignore lint/a11y/noAutofocus: the safe choice takes the focus when the dialog opens.
          autoFocus
          onClick={() => onAnswer(false)}
          className="border-line hover:bg-hover rounded-lg border px-4 py-2 text-sm"
        >
          {t("common.cancel")}
        </button>
        <button
          type="button"
          onClick={() => onAnswer(true)}
          className="bg-danger text-canvas rounded-lg px-4 py-2 text-sm font-medium hover:opacity-90"
        >
          {request?.confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
