"use client";

// A message sent (or an edit saved) while its files still upload: it goes once they have, saying so meanwhile,
// unless one failed then (its chip says why, and the user decides). Enter did nothing before, silently.
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentDraft } from "./use-attachment-drafts";

type Files = { drafts: AttachmentDraft[]; isUploading: boolean };

/** `send` runs as it reads when the uploads end (the draft as it is then). */
export function useSendAfterUploads(files: Files, send: () => void) {
  // The failures counted when the user asked, to tell a new one.
  const [asked, setAsked] = useState<{ failedBefore: number } | null>(null);
  const failedCount = files.drafts.filter((file) => file.status === "failed").length;
  const sendNow = useEffectEvent((request: { failedBefore: number }) => {
    setAsked(null);
    if (failedCount === request.failedBefore) send();
  });
  const { isUploading } = files;
  useEffect(() => {
    if (asked && !isUploading) sendNow(asked);
  }, [asked, isUploading]);
  return {
    askToSend: () => setAsked({ failedBefore: failedCount }),
    isAsked: asked !== null,
    isWaiting: asked !== null && isUploading,
  };
}

/** Always there, empty while there is nothing to say: a live region must exist before its words do. */
export function SendsAfterUploadsStatus({ isWaiting, className }: { isWaiting: boolean; className: string }) {
  const { t } = useTranslator();
  return (
    <p role="status" className={`text-ink-muted text-sm ${isWaiting ? className : ""}`}>
      {isWaiting ? t("attachments.sendsAfterUploads") : ""}
    </p>
  );
}
