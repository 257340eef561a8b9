"use client";

import { LinkIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";

/** The header's "Share link…" button; the dialog itself is opened by the conversation (chat-thread.tsx). */
export function ShareLinkButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslator();
  return (
    <button
      type="button"
      aria-label={t("shareLink.open")}
      title={t("shareLink.open")}
      aria-haspopup="dialog"
      onClick={onClick}
      className="text-ink-muted hover:bg-hover hover:text-ink flex h-9 shrink-0 items-center gap-1.5 rounded-lg px-2.5 text-sm"
    >
      <LinkIcon width={18} height={18} />
      <span className="hidden xl:inline">{t("shareLink.open")}</span>
    </button>
  );
}
