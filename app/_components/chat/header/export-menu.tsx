"use client";

import { useCallback, useId, useRef, useState } from "react";
import { DownloadIcon } from "@/app/_components/ui/icons";
import { useDismiss } from "@/app/_components/ui/use-dismiss";
import { useTranslator } from "@/app/_i18n/translator-provider";

export const EXPORT_FORMATS = [
  { format: "markdown", labelKey: "export.markdown", hintKey: "export.markdownHint" },
  { format: "json", labelKey: "export.json", hintKey: "export.jsonHint" },
] as const;

export function exportUrl(conversationId: string, format: (typeof EXPORT_FORMATS)[number]["format"]): string {
  return `/api/conversations/${encodeURIComponent(conversationId)}/export?format=${format}`;
}

/** Downloads of the conversation, in a small menu of the conversation header. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setIsOpen(false), []);
  useDismiss(containerRef, isOpen, close);

  return (
    <div ref={containerRef} className="relative">
      <button
        type="button"
        aria-label={t("export.label")}
        title={t("export.label")}
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((current) => !current)}
        className="text-ink-muted hover:bg-hover hover:text-ink flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-sm"
      >
        <DownloadIcon width={18} height={18} />
        <span className="hidden xl:inline">{t("export.button")}</span>
      </button>
      {isOpen ? (
        <ul
          id={menuId}
          className="border-line bg-canvas absolute right-0 z-20 mt-1 w-64 rounded-xl border p-1 shadow-lg"
        >
          {EXPORT_FORMATS.map(({ format, labelKey, hintKey }) => (
            <li key={format}>
              <a
                href={exportUrl(conversationId, format)}
                download
                onClick={close}
                className="hover:bg-hover block rounded-lg px-3 py-2 text-sm"
              >
                {t(labelKey)}
                <span className="text-ink-muted block text-xs">{t(hintKey)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
