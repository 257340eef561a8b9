"use client";

import { useRef } from "react";
import { PaperclipIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";

// The paperclip: a real button (keyboard) that opens the system's file picker (a phone's too: camera, photos, files).
export function AttachButton({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslator();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        onClick={() => inputRef.current?.click()}
        aria-label={t("attachments.attach")}
        className="text-ink-muted hover:text-ink flex size-9 shrink-0 items-center justify-center rounded-full disabled:opacity-25"
      >
        <PaperclipIcon />
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          event.target.value = "";
        }}
      />
    </>
  );
}
