"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { DownloadIcon } from "./icons";

const FORMATS = [
  { format: "markdown", labelKey: "export.markdown", hintKey: "export.markdownHint" },
  { format: "json", labelKey: "export.json", hintKey: "export.jsonHint" },
] as const;

/** Downloads of the conversation, in a small menu of the conversation header. */
export function ExportMenu({ conversationId }: { conversationId: string }) {
  const { t } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const menuId = useId();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return;
    const closeOnOutside = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) setIsOpen(false);
    };
    const closeOnEscape = (event: KeyboardEvent) => event.key === "Escape" && setIsOpen(false);
    document.addEventListener("pointerdown", closeOnOutside);
    document.addEventListener("keydown", closeOnEscape);
    return () => {
      document.removeEventListener("pointerdown", closeOnOutside);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [isOpen]);

  return (
    <div ref={containerRef} className="relative">
      <button
        type="button"
        aria-label={t("export.label")}
        aria-expanded={isOpen}
        aria-controls={menuId}
        onClick={() => setIsOpen((current) => !current)}
        className="flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-ink-muted text-sm hover:bg-hover hover:text-ink"
      >
        <DownloadIcon width={18} height={18} />
        <span className="hidden sm:inline">{t("export.button")}</span>
      </button>
      {isOpen ? (
        <ul
          id={menuId}
          className="absolute right-0 z-20 mt-1 w-64 rounded-xl border border-line bg-canvas p-1 shadow-lg"
        >
          {FORMATS.map(({ format, labelKey, hintKey }) => (
            <li key={format}>
              <a
                href={`/api/conversations/${encodeURIComponent(conversationId)}/export?format=${format}`}
                download
                onClick={() => setIsOpen(false)}
                className="block rounded-lg px-3 py-2 text-sm hover:bg-hover"
              >
                {t(labelKey)}
                <span className="block text-ink-muted text-xs">{t(hintKey)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
