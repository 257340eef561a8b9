"use client";

// A message sent (or an edit saved) while its files still upload: it goes once they have, saying so meanwhile, and
// its text is held as it was sent (read-only) until then. It does not go when one of its files failed or was
// removed meanwhile: its chips say what happened, and the user decides. Cancel takes the text back for editing.
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentDraft } from "./use-attachment-drafts";

type Files = { drafts: AttachmentDraft[]; isUploading: boolean };

/** `send` runs once the uploads end, unless the files asked for are no longer all there and uploaded. */
export function useSendAfterUploads(files: Files, send: () => void) {
  // The files the user sent with, by their drafts' keys.
  const [askedWith, setAskedWith] = useState<string[] | null>(null);
  const sendNow = useEffectEvent((keys: string[]) => {
    setAskedWith(null);
    const isWhole = keys.every((key) => files.drafts.some((file) => file.key === key && file.status === "ready"));
    if (isWhole) send();
  });
  const { isUploading } = files;
  useEffect(() => {
    if (askedWith && !isUploading) sendNow(askedWith);
  }, [askedWith, isUploading]);
  return {
    askToSend: () => setAskedWith(files.drafts.filter((file) => file.status !== "failed").map((file) => file.key)),
    cancel: () => setAskedWith(null),
    isAsked: askedWith !== null,
    isWaiting: askedWith !== null && isUploading,
  };
}

type StatusProps = { isWaiting: boolean; onCancel: () => void; className: string };

/** Always there, empty while there is nothing to say: a live region must exist before its words do. */
export function SendsAfterUploadsStatus({ isWaiting, onCancel, className }: StatusProps) {
  const { t } = useTranslator();
  return (
    <div className={`flex items-center gap-2 ${isWaiting ? className : ""}`}>
      <p role="status" className="text-ink-muted text-sm">
        {isWaiting ? t("attachments.sendsAfterUploads") : ""}
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
