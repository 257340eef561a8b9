"use client";

import { NotFoundMessage } from "@/app/_components/ui/not-found-message";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function ConversationNotFound() {
  const { t } = useTranslator();
  return (
    <NotFoundMessage
      title={t("notFound.conversationTitle")}
      text={t("notFound.conversationText")}
      homeLabel={t("notFound.backHome")}
    />
  );
}
