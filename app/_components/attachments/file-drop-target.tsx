"use client";

import { useTranslator } from "@/app/_i18n/translator-provider";

// Shown while files are dragged over the page: they are attached to the message wherever they are dropped. It takes
// no pointer events, so the drop lands on the page below it as before. Its words are read out by screen readers
// from a live region that stays in the page (empty while hidden): one that arrives with its text is often not read.
export function FileDropTarget({ isShown }: { isShown: boolean }) {
  const { t } = useTranslator();
  return (
    <div aria-live="polite">
      {isShown ? (
        <div className="bg-canvas/80 border-ink-muted pointer-events-none fixed inset-3 z-50 flex items-center justify-center rounded-3xl border-2 border-dashed">
          <p className="bg-canvas text-ink rounded-full px-5 py-2.5 text-base font-medium shadow-sm">
            {t("attachments.dropHere")}
          </p>
        </div>
      ) : null}
    </div>
  );
}
