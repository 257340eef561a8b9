"use client";

import { IconLabelButton } from "@/app/_components/ui/button";
import { LinkIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";

/** The header's "Share link…" button; the dialog itself is opened by the conversation (chat-thread.tsx). */
export function ShareLinkButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslator();
  return (
    <IconLabelButton
      icon={<LinkIcon width={18} height={18} />}
      label={t("shareLink.open")}
      onClick={onClick}
      opensDialog
    />
  );
}
