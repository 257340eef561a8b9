"use client";

import { type FormEvent, type KeyboardEvent, useRef, useState } from "react";
import {
  AttachButton,
  AttachmentChips,
  type AttachmentDraft,
  SendStatus,
  useAttachmentDrafts,
  useBlockingFile,
  useEditedMessageFiles,
  useSendAfterUploads,
} from "@/app/_components/attachments";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { DraftTooLongAlert, isDraftTooLong, useAutoGrow, useFocusOnArrival } from "./message-draft";

type MessageEditFormProps = {
  content: string;
  /** The message's files: the new version keeps them, unless removed here; more can be attached. */
  attachments: AttachmentView[];
  /** False for a model that cannot read images: an image is refused on its chip and blocks saving, as in the composer. */
  readsImages: boolean;
  isBusy: boolean;
  // Resolves false when the new version was not accepted; the form then stays open with the text and the files.
  onSave: (content: string, attachments: AttachmentView[]) => Promise<boolean>;
  onCancel: () => void;
};

const MAX_HEIGHT_PX = 320;

const idsOf = (attachments: AttachmentView[]) => attachments.map((attachment) => attachment.id).join(" ");
// A file still uploading is a change too, by its draft's key until it has an id: saving then waits for it.
const draftIdsOf = (drafts: AttachmentDraft[]) =>
  drafts
    .filter((file) => file.status !== "failed")
    .map((file) => file.attachment?.id ?? file.key)
    .join(" ");

export function MessageEditForm({ content, attachments, readsImages, isBusy, onSave, onCancel }: MessageEditFormProps) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState(content);
  const [isSaving, setIsSaving] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const files = useAttachmentDrafts(useEditedMessageFiles(attachments), { takesPageDrops: false });
  const kept = files.drafts.flatMap((file) => (file.attachment ? [file.attachment] : []));
  const isChanged = draft !== content || draftIdsOf(files.drafts) !== idsOf(attachments);
  const isTooLong = isDraftTooLong(draft);
  const isSavable = draft.trim() !== "" && isChanged && !isTooLong && !isBusy && !isSaving;
  const blockingFile = useBlockingFile(files, readsImages);
  const afterUploads = useSendAfterUploads(files.isUploading, () => void save());

  useFocusOnArrival(textareaRef);
  useAutoGrow(textareaRef, draft, MAX_HEIGHT_PX);

  // Files attached here and not saved are nobody's: removed now rather than by the hourly sweep.
  function cancel(): void {
    for (const file of files.drafts) if (!file.isSent) files.remove(file.key);
    onCancel();
  }

  async function save(): Promise<void> {
    if (blockingFile.stopsSend() || !isSavable) return;
    if (files.isUploading) {
      afterUploads.askToSend();
      return;
    }
    setIsSaving(true);
    const isAccepted = await onSave(draft, kept);
    // On success this form is gone with the old version; only a refusal leaves it here to try again.
    if (!isAccepted) setIsSaving(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void save();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === "Escape") {
      event.preventDefault();
      cancel();
      return;
    }
    // As in the composer: Enter submits, Shift+Enter adds a line, and Enter confirming an IME composition does neither.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void save();
  }

  return (
    <form
      onSubmit={handleSubmit}
      onDragOver={(event) => event.preventDefault()}
      onDrop={files.handleDrop}
      className="bg-bubble focus-within:border-ink-muted w-full rounded-3xl border border-transparent px-5 py-3"
    >
      <AttachmentChips
        drafts={files.drafts}
        messageBoxRef={textareaRef}
        onRemove={files.remove}
        onRetry={files.retry}
        refusesImages={!readsImages}
        overTotal={files.overTotal}
      />
      <textarea
        ref={textareaRef}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
        onPaste={files.handlePaste}
        readOnly={afterUploads.isWaiting}
        aria-label={t("message.editText")}
        aria-invalid={isTooLong}
        rows={1}
        className="w-full resize-none bg-transparent leading-7 focus-visible:outline-none"
      />
      <DraftTooLongAlert draft={draft} className="text-danger mt-1 text-sm" />
      <SendStatus
        isWaiting={afterUploads.isWaiting}
        onCancel={afterUploads.cancel}
        notice={blockingFile.notice}
        className="mt-1"
      />
      <EditFormButtons
        onFiles={files.add}
        onCancel={cancel}
        canSave={isSavable && !blockingFile.isBlocked && !afterUploads.isAsked}
        isSaving={isSaving}
      />
    </form>
  );
}

type EditFormButtonsProps = {
  onFiles: (files: File[]) => void;
  onCancel: () => void;
  canSave: boolean;
  isSaving: boolean;
};

// While saving, Save & submit stays enabled (marked aria-disabled; save() ignores it) so that it keeps the focus
// until the thread sends it on: a disabled button drops it to the page.
function EditFormButtons({ onFiles, onCancel, canSave, isSaving }: EditFormButtonsProps) {
  const { t } = useTranslator();
  return (
    <div className="mt-2 flex items-center justify-end gap-2">
      <span className="mr-auto">
        <AttachButton onFiles={onFiles} />
      </span>
      <button type="button" onClick={onCancel} className="hover:bg-hover rounded-full px-3.5 py-1.5 text-sm">
        {t("common.cancel")}
      </button>
      <button
        type="submit"
        disabled={!canSave && !isSaving}
        aria-disabled={isSaving || undefined}
        className="bg-ink text-canvas rounded-full px-3.5 py-1.5 text-sm font-medium hover:opacity-80 disabled:opacity-25 aria-disabled:opacity-25"
      >
        {t("message.saveAndSubmit")}
      </button>
    </div>
  );
}
