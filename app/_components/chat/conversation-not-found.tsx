"use client";

import { useEffect } from "react";
import { notifyConversationsChanged } from "@/app/_components/api/conversation-events";
import { NotFoundMessage } from "@/app/_components/ui/not-found-message";
import { useTranslator } from "@/app/_i18n/translator-provider";

export function ConversationNotFound() {
  const { t } = useTranslator();
  // The sidebar may still list it (shared with a team the reader has left, or taken out of it): its lists are
  // read again, so that the entry that led here goes.
  useEffect(() => notifyConversationsChanged(), []);
  return (
    <NotFoundMessage
      title={t("notFound.conversationTitle")}
      text={t("notFound.conversationText")}
      homeLabel={t("notFound.backHome")}
    />
  );
}
