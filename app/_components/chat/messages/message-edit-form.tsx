"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { DraftTooLongAlert, isDraftTooLong, useAutoGrow } from "./message-draft";

type MessageEditFormProps = {
  content: string;
  isBusy: boolean;
  // Resolves false when the new version was not accepted; the form then stays open with the text.
  onSave: (content: string) => Promise<boolean>;
  onCancel: () => void;
};

const MAX_HEIGHT_PX = 320;

export function MessageEditForm({ content, isBusy, onSave, onCancel }: MessageEditFormProps) {
  const { t } = useTranslator();
  const [draft, setDraft] = useState(content);
  const [isSaving, setIsSaving] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const isTooLong = isDraftTooLong(draft);
  const canSave = draft.trim() !== "" && draft !== content && !isTooLong && !isBusy && !isSaving;

  useEffect(() => {
    const textarea = textareaRef.current;
    textarea?.focus();
    textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
  }, []);

  useAutoGrow(textareaRef, draft, MAX_HEIGHT_PX);

  async function save(): Promise<void> {
    if (!canSave) return;
    setIsSaving(true);
    const isAccepted = await onSave(draft);
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
      onCancel();
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
      className="bg-bubble focus-within:border-ink-muted w-full rounded-3xl border border-transparent px-5 py-3"
    >
      <textarea
        ref={textareaRef}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={handleKeyDown}
        aria-label={t("message.editText")}
        aria-invalid={isTooLong}
        rows={1}
        className="w-full resize-none bg-transparent leading-7 focus-visible:outline-none"
      />
      <DraftTooLongAlert draft={draft} className="text-danger mt-1 text-sm" />
      <div className="mt-2 flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="hover:bg-hover rounded-full px-3.5 py-1.5 text-sm">
          {t("common.cancel")}
        </button>
        <button
          type="submit"
          disabled={!canSave}
          className="bg-ink text-canvas rounded-full px-3.5 py-1.5 text-sm font-medium hover:opacity-80 disabled:opacity-25"
        >
          {t("message.saveAndSubmit")}
        </button>
      </div>
    </form>
  );
}
