"use client";

import { useTranslator } from "@/app/_i18n/translator-provider";
import { NotFoundMessage } from "./not-found-message";

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
