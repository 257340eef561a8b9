"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import type { ConversationSummary } from "./chat-types";
import { PencilIcon, TrashIcon } from "./icons";
import { RenameForm } from "./rename-form";

type ConversationItemProps = {
  conversation: ConversationSummary;
  isCurrent: boolean;
  onRename: (title: string) => Promise<boolean>;
  onDelete: () => Promise<boolean>;
};

type Mode = "view" | "rename" | "confirm-delete";

const ACTION_BUTTON = "flex size-7 items-center justify-center rounded-md text-ink-muted hover:bg-line hover:text-ink";

export function ConversationItem({ conversation, isCurrent, onRename, onDelete }: ConversationItemProps) {
  const [mode, setMode] = useState<Mode>("view");
  const { title } = conversation;

  if (mode === "rename") {
    return (
      <li className="px-1 py-0.5">
        <RenameForm
          title={title}
          onSave={async (next) => {
            if (next !== title && !(await onRename(next))) return;
            setMode("view");
          }}
          onCancel={() => setMode("view")}
        />
      </li>
    );
  }

  if (mode === "confirm-delete") {
    return <DeleteConfirmation title={title} onConfirm={onDelete} onCancel={() => setMode("view")} />;
  }

  return (
    <li className={`group flex items-center rounded-lg hover:bg-hover ${isCurrent ? "bg-hover" : ""}`}>
      <Link
        href={`/c/${conversation.id}`}
        aria-current={isCurrent ? "page" : undefined}
        className="min-w-0 flex-1 truncate rounded-lg px-3 py-2 text-sm"
      >
        {title}
      </Link>
      <div
        className={`flex shrink-0 gap-0.5 pr-1 md:group-focus-within:opacity-100 md:group-hover:opacity-100 ${isCurrent ? "" : "md:opacity-0"}`}
      >
        <button
          type="button"
          aria-label={`Rename ${title}`}
          onClick={() => setMode("rename")}
          className={ACTION_BUTTON}
        >
          <PencilIcon width={16} height={16} />
        </button>
        <button
          type="button"
          aria-label={`Delete ${title}`}
          onClick={() => setMode("confirm-delete")}
          className={ACTION_BUTTON}
        >
          <TrashIcon width={16} height={16} />
        </button>
      </div>
    </li>
  );
}

type DeleteConfirmationProps = { title: string; onConfirm: () => Promise<boolean>; onCancel: () => void };

function DeleteConfirmation({ title, onConfirm, onCancel }: DeleteConfirmationProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);

  // The Delete button that opened this is gone; focus the safe choice so keyboard users keep their place.
  useEffect(() => {
    cancelRef.current?.focus();
  }, []);

  async function confirm(): Promise<void> {
    if (!(await onConfirm())) onCancel();
  }

  return (
    <li className="flex items-center gap-2 rounded-lg bg-hover px-3 py-1.5 text-sm">
      <span className="min-w-0 flex-1 truncate">Delete “{title}”?</span>
      <button
        type="button"
        aria-label={`Confirm delete ${title}`}
        onClick={() => void confirm()}
        className="rounded-md bg-danger px-2 py-1 font-medium text-white text-xs hover:opacity-90"
      >
        Delete
      </button>
      <button ref={cancelRef} type="button" onClick={onCancel} className="rounded-md px-2 py-1 text-xs hover:bg-line">
        Cancel
      </button>
    </li>
  );
}
