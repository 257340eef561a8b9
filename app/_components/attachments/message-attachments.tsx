"use client";

import { FileIcon } from "@/app/_components/ui/icons";
import { useTranslator } from "@/app/_i18n/translator-provider";
import type { AttachmentView } from "@/lib/live/messages";
import { formatSize } from "./format-size";

type MessageAttachmentsProps = {
  attachments: AttachmentView[];
  /** Where files open (followed by the id): the signed-in route, or a share link's (its page passes it). */
  baseUrl?: string;
};

// A sent message's files in the thread: a thumbnail for an image (opening it), a chip for a document (a download).
export function MessageAttachments({ attachments, baseUrl = "/api/attachments/" }: MessageAttachmentsProps) {
  const { t, locale } = useTranslator();
  const fileUrl = (attachment: AttachmentView) => `${baseUrl}${encodeURIComponent(attachment.id)}`;
  if (attachments.length === 0) return null;
  return (
    <ul aria-label={t("attachments.list")} className="flex max-w-[80%] flex-wrap justify-end gap-2">
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a
            href={fileUrl(attachment)}
            target="_blank"
            rel="noopener"
            // A document's link reads its visible name and size; an image's has no visible text.
            aria-label={attachment.kind === "IMAGE" ? t("attachments.open", { name: attachment.name }) : undefined}
            className="border-line hover:border-ink-muted flex items-center gap-2 rounded-xl border p-1.5 pr-3 text-sm"
          >
            {attachment.kind === "IMAGE" ? (
              // biome-ignore lint/performance/noImgElement: an authorised file, not an optimisable asset
              <img
                src={fileUrl(attachment)}
                alt={attachment.name}
                className="max-h-40 max-w-56 rounded-lg object-contain"
              />
            ) : (
              <>
                <span className="bg-bubble flex size-10 items-center justify-center rounded-lg">
                  <FileIcon />
                </span>
                <span className="flex flex-col">
                  <span className="font-medium">{attachment.name}</span>
                  <span className="text-ink-muted text-xs">{formatSize(attachment.size, locale)}</span>
                </span>
              </>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
