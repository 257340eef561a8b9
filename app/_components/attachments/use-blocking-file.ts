"use client";

// The send's check of its files, the same in the composer and in a message's editor: a file the message cannot carry
// as it is (failed, an image for a model that reads none, past the total) stops it, rather than the message going
// without it unseen. The focus goes to that file's chip, and `notice` says why until the file no longer blocks.
import { useState } from "react";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { focusChip } from "./attachment-chips";
import { findBlockingDraft } from "./draft-limits";
import type { AttachmentDrafts } from "./use-attachment-drafts";

export function useBlockingFile(files: AttachmentDrafts, readsImages: boolean) {
  const { t } = useTranslator();
  // The file that stopped the last send.
  const [stoppedBy, setStoppedBy] = useState<string | null>(null);
  const blocking = findBlockingDraft(files.drafts, { refusesImages: !readsImages, overTotal: files.overTotal });

  /** True when a file stops the send: its chip's Retry or Remove takes the focus. */
  function stopsSend(): boolean {
    if (!blocking) return false;
    setStoppedBy(blocking.key);
    focusChip(blocking);
    return true;
  }

  const isStopped = blocking !== null && blocking.key === stoppedBy;
  const notice = isStopped ? t("composer.notSentBlocked", { name: blocking.name }) : null;
  return { isBlocked: blocking !== null, stopsSend, notice };
}
