"use client";

import Link from "next/link";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function ConversationNotFound() {
  const { t } = useTranslator();
  return (
    <div className="m-auto flex max-w-md flex-col items-center gap-4 px-4 text-center">
      <h1 className="font-semibold text-2xl">{t("notFound.conversationTitle")}</h1>
      <p className="text-ink-muted">{t("notFound.conversationText")}</p>
      <Link href="/" className="rounded-full bg-ink px-4 py-2 font-medium text-canvas text-sm hover:opacity-90">
        {t("notFound.backHome")}
      </Link>
    </div>
  );
}
