"use client";

import type { ConversationDetails } from "./chat-types";
import { ConversationSettings } from "./conversation-settings";
import { ExportMenu } from "./export-menu";

type ConversationHeaderProps = {
  details: ConversationDetails;
  onDetailsChange: (details: ConversationDetails) => void;
};

export function ConversationHeader({ details, onDetailsChange }: ConversationHeaderProps) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-line border-b px-4">
      <h1 className="min-w-0 flex-1 truncate font-medium">{details.title}</h1>
      <ExportMenu conversationId={details.id} />
      <ConversationSettings details={details} onSaved={onDetailsChange} />
    </header>
  );
}
