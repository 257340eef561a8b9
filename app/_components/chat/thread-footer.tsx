"use client";

import type { RefObject } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { Composer, type RefusedMessage } from "./composer";
import type { ReplyOutcome } from "./live/use-reply-runner";

type ThreadFooterProps = {
  /** The conversation whose unsent draft the composer shows. */
  draftKey: string;
  /** The conversation's model reads images: an image attached for another is refused on its chip. */
  readsImages: boolean;
  alert: string | null;
  // Readers (a team's viewers) get a note instead of the composer.
  canWrite: boolean;
  onSend: (content: string, attachments: AttachmentView[]) => Promise<ReplyOutcome>;
  onStop: () => Promise<void>;
  isStreaming: boolean;
  isBusy: boolean;
  refused: RefusedMessage | null;
  messageBoxRef: RefObject<HTMLTextAreaElement | null>;
};

// Below the thread: what went wrong, the composer (or why there is none), and the disclaimer.
export function ThreadFooter({ alert, canWrite, ...composer }: ThreadFooterProps) {
  const { t } = useTranslator();
  return (
    <div className="mx-auto w-full max-w-3xl px-4 pb-4">
      {alert ? (
        <p role="alert" className="border-danger/30 bg-danger/5 text-danger mb-2 rounded-xl border px-4 py-2 text-sm">
          {alert}
        </p>
      ) : null}
      {canWrite ? (
        <Composer {...composer} />
      ) : (
        <p role="note" className="border-line text-ink-muted rounded-2xl border px-4 py-3 text-center text-sm">
          {t("teamShare.readOnly")}
        </p>
      )}
      <p className="text-ink-muted mt-2 text-center text-xs">{t("chat.disclaimer")}</p>
    </div>
  );
}
