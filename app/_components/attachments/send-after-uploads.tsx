"use client";

// A message sent (or an edit saved) while its files still upload: it goes once they have, saying so meanwhile, and
// its text is held as it was sent (read-only) until then. A file removed meanwhile is left out, as the user chose; a
// file that fails stops it at the send's own check, which says why at that file's chip. Cancel takes the text back
// for editing.
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";

/** `send` runs once no file is uploading any more; it checks the files itself. */
export function useSendAfterUploads(isUploading: boolean, send: () => void) {
  const [isAsked, setIsAsked] = useState(false);
  const sendNow = useEffectEvent(() => {
    setIsAsked(false);
    send();
  });
  useEffect(() => {
    if (isAsked && !isUploading) sendNow();
  }, [isAsked, isUploading]);
  return {
    askToSend: () => setIsAsked(true),
    cancel: () => setIsAsked(false),
    isAsked,
    isWaiting: isAsked && isUploading,
  };
}

type StatusProps = { isWaiting: boolean; onCancel: () => void; notice?: string | null; className: string };

/**
 * What became of the send: waiting for the uploads (with Cancel), or `notice`, why it did not go. Always there, empty
 * while there is nothing to say: a live region must exist before its words do.
 */
export function SendStatus({ isWaiting, onCancel, notice = null, className }: StatusProps) {
  const { t } = useTranslator();
  const text = isWaiting ? t("attachments.sendsAfterUploads") : (notice ?? "");
  return (
    <div className={`flex items-center gap-2 ${text ? className : ""}`}>
      <p role="status" className="text-ink-muted text-sm">
        {text}
      </p>
      {isWaiting ? (
        <button
          type="button"
          onClick={onCancel}
          className="hover:bg-hover rounded-full px-2.5 py-0.5 text-sm underline"
        >
          {t("attachments.cancelSending")}
        </button>
      ) : null}
    </div>
  );
}
