"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ConversationSummary } from "@/app/_components/api/types";
import { MoreIcon, PencilIcon, PinIcon, TrashIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { RenameForm } from "./rename-form";
import { shownTitle } from "./shown-title";

export type ItemControl = "link" | "pin" | "rename";

type ConversationItemProps = {
  conversation: ConversationSummary;
  isCurrent: boolean;
  /** The control that takes the focus once shown (the item moved, or came back), then `onFocused` is called. */
  focusedControl: ItemControl | null;
  onFocused: () => void;
  onRename: (title: string) => Promise<boolean>;
  onTogglePin: () => void;
  // No confirmation: the list offers to undo instead.
  onDelete: () => void;
};

const ACTION_BUTTON = "flex size-7 items-center justify-center rounded-md text-ink-muted hover:bg-line hover:text-ink";

export function ConversationItem({
  conversation,
  isCurrent,
  focusedControl,
  onFocused,
  onRename,
  onTogglePin,
  onDelete,
}: ConversationItemProps) {
  const { t } = useTranslator();
  const [isRenaming, setIsRenaming] = useState(false);
  // Back from the rename form (saved or cancelled), the keyboard goes on from the button that opened it.
  const [isBackFromRename, setIsBackFromRename] = useState(false);
  // A phone's row shows its actions once its More button is tapped (a tap on a button may not focus it: iOS).
  const [areActionsOpen, setAreActionsOpen] = useState(false);
  const linkRef = useRef<HTMLAnchorElement>(null);
  const pinButtonRef = useRef<HTMLButtonElement>(null);
  const renameButtonRef = useRef<HTMLButtonElement>(null);
  const wanted = isBackFromRename ? "rename" : focusedControl;
  const title = shownTitle(conversation.title, t);
  const isPinned = conversation.pinnedAt !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the refs are stable; a new wish is the signal.
  useEffect(() => {
    if (!wanted) return;
    ({ link: linkRef, pin: pinButtonRef, rename: renameButtonRef })[wanted].current?.focus();
    if (isBackFromRename) setIsBackFromRename(false);
    else onFocused();
  }, [wanted]);

  function leaveRenaming(): void {
    setIsRenaming(false);
    setIsBackFromRename(true);
  }

  if (isRenaming) {
    return (
      <li className="px-1 py-0.5">
        <RenameForm
          title={title}
          onSave={async (next) => {
            if (next !== title && !(await onRename(next))) return;
            leaveRenaming();
          }}
          onCancel={leaveRenaming}
        />
      </li>
    );
  }

  // The title has the row's full width. On a phone (no hover) the actions take room in the current row, in a row
  // that holds (or is about to take) the focus, and in one whose More button was tapped; from md on they appear over
  // the title's end while the row is hovered or focused, and there is no More button.
  return (
    <li className={`group hover:bg-hover relative flex items-center rounded-lg ${isCurrent ? "bg-hover" : ""}`}>
      <Link
        ref={linkRef}
        href={`/c/${conversation.id}`}
        aria-current={isCurrent ? "page" : undefined}
        title={title}
        className="min-w-0 flex-1 truncate rounded-lg px-3 py-2 text-sm"
      >
        {title}
      </Link>
      <div
        className={`${isCurrent || wanted || areActionsOpen ? "flex" : "hidden group-focus-within:flex"} md:from-hover shrink-0 gap-0.5 pr-1 md:absolute md:inset-y-0 md:right-0 md:flex md:items-center md:rounded-r-lg md:bg-linear-to-l md:from-75% md:to-transparent md:pl-6 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100`}
      >
        <button
          ref={pinButtonRef}
          type="button"
          aria-label={t(isPinned ? "conversations.unpin" : "conversations.pin", { title })}
          aria-pressed={isPinned}
          onClick={onTogglePin}
          className={ACTION_BUTTON}
        >
          <PinIcon width={16} height={16} fill={isPinned ? "currentColor" : "none"} />
        </button>
        <button
          ref={renameButtonRef}
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
      {isCurrent ? null : (
        <button
          type="button"
          aria-label={t("conversations.moreActions", { title })}
          aria-expanded={areActionsOpen}
          onClick={() => setAreActionsOpen((isOpen) => !isOpen)}
          className={`${ACTION_BUTTON} mr-1 shrink-0 md:hidden`}
        >
          <MoreIcon width={16} height={16} />
        </button>
      )}
    </li>
  );
}
