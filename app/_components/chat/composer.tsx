"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import {
  AttachButton,
  AttachmentChips,
  SendsAfterUploadsStatus,
  useAttachmentDrafts,
  useSendAfterUploads,
} from "@/app/_components/attachments";
import { DraftTooLongAlert, isDraftTooLong, useAutoGrow } from "@/app/_components/chat/messages/message-draft";
import { ArrowUpIcon, StopIcon } from "@/app/_components/ui/icons";
import { useShortcut } from "@/app/_components/ui/keyboard-shortcuts";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";

/** A message sent from elsewhere (the first message of a new chat) that the server refused: offered back whole. */
export type RefusedMessage = { content: string; attachments: AttachmentView[] };

type ComposerProps = {
  // Resolves false when the message was not accepted; the text is then put back for another try.
  onSend: (content: string, attachments: AttachmentView[]) => Promise<boolean>;
  onStop?: () => void;
  isStreaming?: boolean;
  isBusy?: boolean;
  // Put back into the composer, its text and its files, for another try.
  refused?: RefusedMessage | null;
  // False when the chosen model cannot read images: an attached image is refused on its chip and blocks sending.
  readsImages?: boolean;
};

const MAX_HEIGHT_PX = 200;

export function Composer({
  onSend,
  onStop,
  isStreaming = false,
  isBusy = false,
  refused = null,
  readsImages = true,
}: ComposerProps) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState("");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const files = useAttachmentDrafts();
  const isTooLong = isDraftTooLong(draft);
  const hasRefusedFiles = (!readsImages && files.hasImages) || files.overTotal.size > 0;
  const isSendable = draft.trim() !== "" && !isTooLong && !isStreaming && !isBusy && !hasRefusedFiles;
  const canSend = isSendable && !files.isUploading;
  const afterUploads = useSendAfterUploads(files, () => void submit());

  useEffect(() => {
    textareaRef.current?.focus();
  }, []);

  const { restore } = files;
  const putBackRef = useRef<RefusedMessage | null>(null);
  useEffect(() => {
    if (!refused || putBackRef.current === refused) return;
    putBackRef.current = refused;
    setDraft((current) => (current === "" ? refused.content : current));
    restore(refused.attachments);
  }, [refused, restore]);

  useAutoGrow(textareaRef, draft, MAX_HEIGHT_PX);
  useShortcut("focus-composer", () => textareaRef.current?.focus());

  async function submit(): Promise<void> {
    if (isSendable && files.isUploading) {
      afterUploads.askToSend();
      return;
    }
    if (!canSend) return;
    const content = draft;
    const attachments = files.take();
    setDraft("");
    textareaRef.current?.focus();
    const isAccepted = await onSend(content, attachments);
    if (isAccepted) return;
    setDraft((current) => (current === "" ? content : current));
    files.restore(attachments);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    // Enter while an input method composes text confirms the composition; it must not send.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void submit();
  }

  return (
    <form onSubmit={handleSubmit} className="w-full">
      <AttachmentChips
        drafts={files.drafts}
        onRemove={files.remove}
        refusesImages={!readsImages}
        overTotal={files.overTotal}
      />
      <div className="border-line bg-canvas focus-within:border-ink-muted flex items-end gap-1 rounded-3xl border p-2 shadow-sm transition-colors">
        <AttachButton onFiles={files.add} />
        <textarea
          ref={textareaRef}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={handleKeyDown}
          onPaste={files.handlePaste}
          readOnly={afterUploads.isWaiting}
          aria-label={t("composer.label")}
          aria-invalid={isTooLong}
          aria-describedby={isTooLong ? "composer-error" : undefined}
          placeholder={t("composer.placeholder")}
          rows={1}
          className="placeholder:text-ink-muted max-h-[200px] min-h-10 flex-1 resize-none bg-transparent py-2 text-base leading-6 focus-visible:outline-none"
        />
        <SendOrStopButton isStreaming={isStreaming} canSend={isSendable && !afterUploads.isAsked} onStop={onStop} />
      </div>
      <SendsAfterUploadsStatus
        isWaiting={afterUploads.isWaiting}
        onCancel={afterUploads.cancel}
        className="mt-2 px-4"
      />
      <DraftTooLongAlert draft={draft} id="composer-error" className="text-danger mt-2 px-4 text-sm" />
    </form>
  );
}

function SendOrStopButton({
  isStreaming,
  canSend,
  onStop,
}: {
  isStreaming: boolean;
  canSend: boolean;
  onStop?: () => void;
}) {
  const { t } = useTranslator();
  const className = "bg-ink text-canvas flex size-9 shrink-0 items-center justify-center rounded-full hover:opacity-80";
  if (isStreaming) {
    return (
      <button type="button" onClick={onStop} aria-label={t("composer.stop")} className={className}>
        <StopIcon />
      </button>
    );
  }
  return (
    <button
      type="submit"
      disabled={!canSend}
      aria-label={t("composer.send")}
      className={`${className} disabled:opacity-25`}
    >
      <ArrowUpIcon />
    </button>
  );
}
