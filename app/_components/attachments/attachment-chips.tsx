"use client";

import { type RefObject, useState } from "react";
import { CloseIcon, FileIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MEGABYTE } from "@/lib/limits";
import { type AttachmentDraft, isImageDraft } from "./attachment-draft";
import { useAttachmentLimits } from "./attachment-limits-context";
import { describeDraftFileError } from "./draft-file-error";
import { formatSize } from "./format-size";
import { useDraftFileLimits } from "./use-attachment-drafts";

type AttachmentChipsProps = {
  drafts: AttachmentDraft[];
  /** Where the focus goes when the file whose button had it is removed and no file follows it. */
  messageBoxRef: RefObject<HTMLTextAreaElement | null>;
  onRemove: (key: string) => void;
  onRetry: (key: string) => void;
  /** The chosen model cannot read images: each image says so on its chip until it is removed or the model changes. */
  refusesImages: boolean;
  /** Files that take the message past the admin's total per message. */
  overTotal: Set<string>;
};

/**
 * Moves the focus to what the user can do about a file that blocks sending: Retry where another try may help, else
 * Remove. Its error is the button's description, so that a screen reader says why.
 */
export function focusChip(draft: AttachmentDraft): void {
  document.getElementById(`${draft.key}-${draft.isRetryable ? "retry" : "remove"}`)?.focus();
}

// The composer's files: name, size, a thumbnail for images, the upload's progress, or why the file was refused.
// Within a bounded height that scrolls: a phone's screen holds the conversation's header and the box with many files.
export function AttachmentChips(props: AttachmentChipsProps) {
  const { drafts, messageBoxRef, onRemove, onRetry, refusesImages, overTotal } = props;
  const translator = useTranslator();
  const { t, locale } = translator;
  const maxBytes = useAttachmentLimits().messageMegabytes * MEGABYTE;
  const fileLimits = useDraftFileLimits();
  if (drafts.length === 0) return null;
  // The button pressed goes away with what it did: the focus moves on rather than falling to the page.
  const retry = (draft: AttachmentDraft) => {
    document.getElementById(`${draft.key}-remove`)?.focus();
    onRetry(draft.key);
  };
  const remove = (draft: AttachmentDraft, index: number) => {
    const next = drafts[index + 1];
    if (next) focusChip(next);
    else messageBoxRef.current?.focus();
    onRemove(draft.key);
  };
  const errorOf = (draft: AttachmentDraft): string | null => {
    if (draft.error) return describeDraftFileError(draft.error, translator, fileLimits);
    if (refusesImages && isImageDraft(draft)) return t("attachments.noImages");
    if (overTotal.has(draft.key)) return t("attachments.messageTooLarge", { size: formatSize(maxBytes, locale) });
    return null;
  };
  return (
    <ul
      aria-label={t("attachments.list")}
      className="mb-2 flex max-h-36 flex-wrap gap-2 overflow-y-auto p-1 sm:max-h-52"
    >
      {drafts.map((draft, index) => (
        <li key={draft.key} className="max-w-full">
          <DraftChip
            draft={draft}
            error={errorOf(draft)}
            onRemove={() => remove(draft, index)}
            onRetry={() => retry(draft)}
          />
        </li>
      ))}
    </ul>
  );
}

/**
 * The file's thumbnail, or the file icon. A picked file is an image by the type the browser gives it from its name,
 * until the server has read its bytes: one that does not draw (HTML named .png) shows the icon, never a broken image.
 */
function ChipPreview({ url, name }: { url: string | null; name: string }) {
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  if (url === null || url === brokenUrl) {
    return (
      <span className="bg-bubble flex size-10 shrink-0 items-center justify-center rounded-lg">
        <FileIcon />
      </span>
    );
  }
  return (
    // biome-ignore lint/performance/noImgElement: a local blob or an authorised file, not an optimisable asset
    <img src={url} alt={name} onError={() => setBrokenUrl(url)} className="size-10 shrink-0 rounded-lg object-cover" />
  );
}

type DraftChipProps = { draft: AttachmentDraft; error: string | null; onRemove: () => void; onRetry: () => void };

function DraftChip({ draft, error, onRemove, onRetry }: DraftChipProps) {
  const { t, locale } = useTranslator();
  const errorId = `${draft.key}-error`;
  const isFailed = error !== null;
  const describedBy = isFailed ? errorId : undefined;
  return (
    <div
      className={`bg-canvas flex max-w-xs items-center gap-2 rounded-xl border p-1.5 pr-1 text-sm ${isFailed ? "border-danger/50" : "border-line"}`}
    >
      <ChipPreview url={draft.previewUrl} name={draft.name} />
      <span className="flex min-w-0 flex-col">
        <span className="truncate font-medium">{draft.name}</span>
        <span className="text-ink-muted text-xs">
          {draft.status === "uploading" ? (
            <span role="status">{t("attachments.uploading", { percent: Math.round(draft.progress * 100) })}</span>
          ) : (
            formatSize(draft.size, locale)
          )}
        </span>
        {isFailed ? (
          <span id={errorId} role="alert" className="text-danger text-xs">
            {error}
          </span>
        ) : null}
      </span>
      {draft.isRetryable ? (
        <button
          type="button"
          id={`${draft.key}-retry`}
          onClick={onRetry}
          aria-label={t("attachments.retry", { name: draft.name })}
          aria-describedby={describedBy}
          className="hover:bg-hover shrink-0 rounded-full px-2.5 py-1 text-xs font-medium underline"
        >
          {t("attachments.retryShort")}
        </button>
      ) : null}
      <button
        type="button"
        id={`${draft.key}-remove`}
        onClick={onRemove}
        aria-label={t("attachments.remove", { name: draft.name })}
        aria-describedby={describedBy}
        className="text-ink-muted hover:text-ink flex size-8 shrink-0 items-center justify-center rounded-full"
      >
        <CloseIcon width={16} height={16} />
      </button>
    </div>
  );
}
