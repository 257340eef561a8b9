"use client";

import { useEffect } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";

type UndoToastProps = { message: string; onUndo: () => void; onExpire: () => void };

// Long enough to notice and reach the button; the server keeps a deleted conversation restorable far longer.
const UNDO_VISIBLE_MS = 8_000;

export function UndoToast({ message, onUndo, onExpire }: UndoToastProps) {
  const { t } = useTranslator();
  useEffect(() => {
    const timer = setTimeout(onExpire, UNDO_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [onExpire]);

  return (
    <div
      role="status"
      className="bg-ink text-canvas fixed bottom-4 left-4 z-60 flex max-w-[calc(100vw-2rem)] items-center gap-3 rounded-xl px-4 py-2.5 text-sm shadow-lg"
    >
      <span className="min-w-0 truncate">{message}</span>
      <button type="button" onClick={onUndo} className="shrink-0 rounded-md px-2 py-1 font-semibold underline">
        {t("common.undo")}
      </button>
    </div>
  );
}
