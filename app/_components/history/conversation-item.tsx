"use client";

import Link from "next/link";
import { useState } from "react";
import type { ConversationSummary } from "@/app/_components/api/types";
import { PencilIcon, PinIcon, TrashIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { RenameForm } from "./rename-form";
import { shownTitle } from "./shown-title";

type ConversationItemProps = {
  conversation: ConversationSummary;
  isCurrent: boolean;
  onRename: (title: string) => Promise<boolean>;
  onTogglePin: () => void;
  // No confirmation: the list offers to undo instead.
  onDelete: () => void;
};

const ACTION_BUTTON = "flex size-7 items-center justify-center rounded-md text-ink-muted hover:bg-line hover:text-ink";

export function ConversationItem({ conversation, isCurrent, onRename, onTogglePin, onDelete }: ConversationItemProps) {
  const { t } = useTranslator();
  const [isRenaming, setIsRenaming] = useState(false);
  const title = shownTitle(conversation.title, t);
  const isPinned = conversation.pinnedAt !== null;

  if (isRenaming) {
    return (
      <li className="px-1 py-0.5">
        <RenameForm
          title={title}
          onSave={async (next) => {
            if (next !== title && !(await onRename(next))) return;
            setIsRenaming(false);
          }}
          onCancel={() => setIsRenaming(false)}
        />
      </li>
    );
  }

  // The title has the row's full width. On a phone (no hover) the actions take room in the current row only, and in
  // a row that holds the focus; from md on they appear over the title's end while the row is hovered or focused.
  return (
    <li className={`group hover:bg-hover relative flex items-center rounded-lg ${isCurrent ? "bg-hover" : ""}`}>
      <Link
        href={`/c/${conversation.id}`}
        aria-current={isCurrent ? "page" : undefined}
        title={title}
        className="min-w-0 flex-1 truncate rounded-lg px-3 py-2 text-sm"
      >
        {title}
      </Link>
      <div
        className={`${isCurrent ? "flex" : "hidden group-focus-within:flex"} md:from-hover shrink-0 gap-0.5 pr-1 md:absolute md:inset-y-0 md:right-0 md:flex md:items-center md:rounded-r-lg md:bg-linear-to-l md:from-75% md:to-transparent md:pl-6 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100`}
      >
        <button
          type="button"
          aria-label={t(isPinned ? "conversations.unpin" : "conversations.pin", { title })}
          aria-pressed={isPinned}
          onClick={onTogglePin}
          className={ACTION_BUTTON}
        >
          <PinIcon width={16} height={16} fill={isPinned ? "currentColor" : "none"} />
        </button>
        <button
          type="button"
          aria-label={t("conversations.rename", { title })}
          onClick={() => setIsRenaming(true)}
          className={ACTION_BUTTON}
        >
          <PencilIcon width={16} height={16} />
        </button>
        <button
          type="button"
          aria-label={t("conversations.delete", { title })}
          onClick={onDelete}
          className={ACTION_BUTTON}
        >
          <TrashIcon width={16} height={16} />
        </button>
      </div>
    </li>
  );
}
