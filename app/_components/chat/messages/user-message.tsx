"use client";

import { useEffect, useRef, useState } from "react";
import { MessageAttachments } from "@/app/_components/attachments";
import { isSaved } from "@/app/_components/chat/chat-messages";
import { Markdown } from "@/app/_components/markdown";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { PencilIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { CopyToMyChatsButton } from "./copy-to-my-chats-button";
import { MESSAGE_ACTION_BUTTON, type MessageItemProps } from "./message-actions";
import { MessageEditForm } from "./message-edit-form";
import { VersionSwitcher } from "./version-switcher";

export function UserMessage({ message, isBusy, actions, canWrite, showsAuthors, readsImages }: MessageItemProps) {
  const { t } = useTranslator();
  const [isEditing, setIsEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const wasEditingRef = useRef(false);

  // Back from the form, keyboard users continue from the button that opened it.
  useEffect(() => {
    if (wasEditingRef.current && !isEditing) editButtonRef.current?.focus();
    wasEditingRef.current = isEditing;
  }, [isEditing]);

  if (isEditing) {
    return (
      <article aria-label={t("message.you")} className="flex justify-end">
        <MessageEditForm
          content={message.content}
          attachments={message.attachments}
          readsImages={readsImages}
          isBusy={isBusy}
          onSave={(content, attachments) => actions.edit(message, content, attachments)}
          onCancel={() => setIsEditing(false)}
        />
      </article>
    );
  }

  const authorName = showsAuthors ? message.author?.name : undefined;
  return (
    <article
      aria-label={authorName ? t("message.from", { name: authorName }) : t("message.you")}
      className="group flex flex-col items-end gap-1"
    >
      {authorName ? <p className="text-ink-muted px-2 text-xs font-medium">{authorName}</p> : null}
      <MessageAttachments attachments={message.attachments} />
      <Markdown source={message.content} className="markdown-user bg-bubble max-w-[80%] rounded-3xl px-5 py-2.5" />
      <div className="flex items-center gap-1">
        <div className="flex md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
          {message.content !== "" ? <CopyButton text={message.content} className={MESSAGE_ACTION_BUTTON} /> : null}
          <CopyToMyChatsButton message={message} actions={actions} />
          {canWrite ? (
            <button
              ref={editButtonRef}
              type="button"
              aria-label={t("message.edit")}
              disabled={isBusy || !isSaved(message)}
              onClick={() => setIsEditing(true)}
              className={MESSAGE_ACTION_BUTTON}
            >
              <PencilIcon width={16} height={16} />
            </button>
          ) : null}
        </div>
        <VersionSwitcher
          message={message}
          isDisabled={isBusy}
          canSwitch={canWrite}
          onShowVersion={actions.showVersion}
        />
      </div>
    </article>
  );
}
