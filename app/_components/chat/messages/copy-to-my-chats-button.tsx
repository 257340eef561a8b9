"use client";

import { useState } from "react";
import type { ChatMessage } from "@/app/_components/api/types";
import { isSaved } from "@/app/_components/chat/chat-messages";
import { ForkIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MESSAGE_ACTION_BUTTON, type MessageActions } from "./message-actions";

type CopyToMyChatsButtonProps = { message: ChatMessage; actions: MessageActions };

// Forks the thread up to this message into a private conversation of the reader's own, then opens it.
export function CopyToMyChatsButton({ message, actions }: CopyToMyChatsButtonProps) {
  const { t } = useTranslator();
  const [isCopying, setIsCopying] = useState(false);
  if (!isSaved(message) || message.status === "STREAMING") return null;
  // A user message and its reply each have one: the name says which, for a screen reader going from button to button.
  const label = t(message.role === "USER" ? "message.copyToMyChatsUpToMessage" : "message.copyToMyChatsUpToReply");

  async function copy(): Promise<void> {
    setIsCopying(true);
    await actions.copyToMyChats(message);
    setIsCopying(false);
  }

  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={isCopying}
      onClick={() => void copy()}
      className={MESSAGE_ACTION_BUTTON}
    >
      <ForkIcon width={16} height={16} />
    </button>
  );
}
