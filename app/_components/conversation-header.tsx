"use client";

import type { ConversationDetails } from "./chat-types";
import { ConversationSettings } from "./conversation-settings";

type ConversationHeaderProps = {
  details: ConversationDetails;
  onDetailsChange: (details: ConversationDetails) => void;
};

export function ConversationHeader({ details, onDetailsChange }: ConversationHeaderProps) {
  return (
    // On phones the sidebar's menu button sits over the header's left end (see sidebar.tsx).
    <header className="flex h-12 shrink-0 items-center gap-2 border-line border-b pr-4 pl-14 md:pl-4">
      <h1 className="min-w-0 flex-1 truncate font-medium">{details.title}</h1>
      <ConversationSettings details={details} onSaved={onDetailsChange} />
    </header>
  );
}
