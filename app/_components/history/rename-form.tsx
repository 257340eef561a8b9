"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MAX_TITLE_LENGTH } from "@/lib/limits";

type RenameFormProps = {
  title: string;
  onSave: (title: string) => Promise<void>;
  onCancel: () => void;
};

export function RenameForm({ title, onSave, onCancel }: RenameFormProps) {
  const { t } = useTranslator();
  const [value, setValue] = useState(title);
  const [isSaving, setIsSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

  async function save(): Promise<void> {
    if (isSaving) return;
    const next = value.trim();
    if (next === "") {
      onCancel();
      return;
    }
    setIsSaving(true);
    await onSave(next);
    setIsSaving(false);
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void save();
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === "Escape") onCancel();
  }

  return (
    <form onSubmit={handleSubmit} className="flex items-center gap-1">
      <input
        ref={inputRef}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={handleKeyDown}
        aria-label={t("conversations.titleLabel")}
        maxLength={MAX_TITLE_LENGTH}
        // Read-only, not disabled, while saving: a disabled field would drop the focus to the page.
        readOnly={isSaving}
        className="border-line bg-canvas min-w-0 flex-1 rounded-md border px-2 py-1.5 text-sm"
      />
      <button
        type="submit"
        aria-disabled={isSaving || undefined}
        className="hover:bg-line rounded-md px-2 py-1.5 text-xs font-medium aria-disabled:opacity-50"
      >
        {t("common.save")}
      </button>
      <button type="button" onClick={onCancel} className="hover:bg-line rounded-md px-2 py-1.5 text-xs">
        {t("common.cancel")}
      </button>
    </form>
  );
}
