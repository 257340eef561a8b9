"use client";

// The files attached in the composer before sending: each uploads at once (images downscaled first), shows its
// progress, and is refused on its own with its reason (too big, too many, a type the server does not read).
import { type ClipboardEvent, type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { describeError } from "@/app/_components/api/api-client";
import { useTranslator } from "@/app/_i18n/translator-provider";
import { MEGABYTE } from "@/lib/limits";
import type { AttachmentView } from "@/lib/live/messages";
import { useAttachmentLimits } from "./attachment-limits-context";
import { downscaleImage } from "./downscale-image";
import { findDraftsOverTotal } from "./draft-limits";
import { formatSize } from "./format-size";
import { uploadFile } from "./upload-file";

export type AttachmentDraft = {
  key: string;
  name: string;
  size: number;
  isImage: boolean;
  previewUrl: string | null;
  status: "uploading" | "ready" | "failed";
  progress: number;
  error: string | null;
  attachment: AttachmentView | null;
  /** A file of the message being edited: already sent, so never deleted when removed from the new version. */
  isSent: boolean;
};

let nextKey = 0;

/** An image by what the server sniffed once it is uploaded; until then by the type the browser gives the file. */
export function isImageDraft(draft: AttachmentDraft): boolean {
  return draft.attachment ? draft.attachment.kind === "IMAGE" : draft.isImage;
}

function newDraft(file: File): AttachmentDraft {
  nextKey += 1;
  const isImage = file.type.startsWith("image/");
  return {
    key: `draft-${nextKey}`,
    name: file.name || "pasted-image.png",
    size: file.size,
    isImage,
    previewUrl: isImage ? URL.createObjectURL(file) : null,
    status: "uploading",
    progress: 0,
    error: null,
    attachment: null,
    isSent: false,
  };
}

function fromAttachment(attachment: AttachmentView, isSent = false): AttachmentDraft {
  nextKey += 1;
  const isImage = attachment.kind === "IMAGE";
  const previewUrl = isImage ? `/api/attachments/${attachment.id}` : null;
  return {
    key: `draft-${nextKey}`,
    name: attachment.name,
    size: attachment.size,
    isImage,
    previewUrl,
    status: "ready",
    progress: 1,
    error: null,
    attachment,
    isSent,
  };
}

/**
 * `sent`: the files of a message being edited, which its new version keeps unless they are removed; such drafts
 * take files dropped on their own element only (`handleDrop`), the composer's those dropped anywhere else.
 */
export function useAttachmentDrafts(sent: AttachmentView[] = [], { takesPageDrops = true } = {}) {
  const { t } = useTranslator();
  const { filesPerMessage, messageMegabytes } = useAttachmentLimits();
  const [drafts, setDrafts] = useState<AttachmentDraft[]>(() => sent.map((file) => fromAttachment(file, true)));
  const update = useCallback((key: string, change: Partial<AttachmentDraft>) => {
    setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  }, []);
  const uploads = useUploads(update);
  const startUpload = uploads.start;

  const add = useCallback(
    (files: File[]) => {
      const room = filesPerMessage - drafts.filter((draft) => draft.status !== "failed").length;
      const tooMany = t("attachments.tooMany", { count: filesPerMessage });
      const checked = files
        .map(newDraft)
        .map((draft, index) => (index < room ? draft : { ...draft, status: "failed" as const, error: tooMany }));
      setDrafts((current) => [...current, ...checked]);
      checked.forEach((draft, index) => {
        const file = files[index];
        if (draft.status === "uploading" && file) void startUpload(draft, file);
      });
    },
    [drafts, startUpload, t, filesPerMessage],
  );

  const remove = useCallback(
    (key: string) => {
      uploads.abort(key);
      const draft = drafts.find((item) => item.key === key);
      // An upload no message will claim: removed now rather than by the hourly sweep (which also catches a failure).
      if (draft?.attachment && !draft.isSent) {
        fetch(`/api/attachments/${draft.attachment.id}`, { method: "DELETE" }).catch(() => {});
      }
      setDrafts((current) => current.filter((item) => item.key !== key));
    },
    [drafts, uploads],
  );

  /** The uploaded files, handed to a message and cleared from the composer. */
  const take = useCallback((): AttachmentView[] => {
    const ready = drafts.flatMap((draft) => (draft.attachment ? [draft.attachment] : []));
    setDrafts([]);
    return ready;
  }, [drafts]);

  /** Files of a message the server refused: back in the composer for another try. */
  const restore = useCallback((attachments: AttachmentView[]) => {
    setDrafts((current) => [...attachments.map((file) => fromAttachment(file)), ...current]);
  }, []);

  const { handlePaste, handleDrop } = useFileEvents(add, takesPageDrops);
  const isUploading = drafts.some((draft) => draft.status === "uploading");
  const hasImages = drafts.some((draft) => draft.status !== "failed" && isImageDraft(draft));
  const overTotal = useMemo(() => findDraftsOverTotal(drafts, messageMegabytes * MEGABYTE), [drafts, messageMegabytes]);
  return { drafts, add, remove, take, restore, handlePaste, handleDrop, isUploading, hasImages, overTotal };
}

export type AttachmentDrafts = ReturnType<typeof useAttachmentDrafts>;

/** Runs the uploads: images downscaled first, the size checked, the progress and the answer reported to `update`. */
function useUploads(update: (key: string, change: Partial<AttachmentDraft>) => void) {
  const translator = useTranslator();
  const { t, locale } = translator;
  const maxBytes = useAttachmentLimits().fileMegabytes * MEGABYTE;
  const controllers = useRef(new Map<string, AbortController>());
  const start = useCallback(
    async (draft: AttachmentDraft, file: File) => {
      const body = draft.isImage ? await downscaleImage(file) : file;
      if (body.size > maxBytes) {
        const error = t("attachments.tooLarge", { size: formatSize(maxBytes, locale) });
        update(draft.key, { status: "failed", error });
        return;
      }
      const controller = new AbortController();
      controllers.current.set(draft.key, controller);
      const onProgress = (progress: number) => update(draft.key, { progress });
      const result = await uploadFile(body, draft.name, onProgress, controller.signal);
      controllers.current.delete(draft.key);
      if (controller.signal.aborted) return;
      if (result.isOk) {
        update(draft.key, {
          status: "ready",
          progress: 1,
          attachment: result.attachment,
          size: result.attachment.size,
        });
      } else {
        update(draft.key, { status: "failed", error: describeError(result.error, translator) });
      }
    },
    [update, t, locale, translator, maxBytes],
  );
  const abort = useCallback((key: string) => controllers.current.get(key)?.abort(), []);
  return useMemo(() => ({ start, abort }), [start, abort]);
}

/**
 * Files pasted (a screenshot from the clipboard), or dropped: anywhere on the page (the conversation, the composer)
 * for the one set of drafts that `takesPageDrops` (the composer's), else on the element given `handleDrop` (a message
 * being edited), which marks them taken (preventDefault) so that the page's listener leaves them. A file dropped
 * elsewhere would otherwise make the browser leave the page to open it.
 */
function useFileEvents(add: (files: File[]) => void, takesPageDrops: boolean) {
  // Files pasted or dropped are attached, and the event marked taken; an event without files is left as it is.
  const takeFiles = useCallback(
    (files: FileList, event: { preventDefault: () => void }) => {
      if (files.length === 0) return;
      event.preventDefault();
      add([...files]);
    },
    [add],
  );
  const handlePaste = useCallback((event: ClipboardEvent) => takeFiles(event.clipboardData.files, event), [takeFiles]);
  const handleDrop = useCallback((event: DragEvent) => takeFiles(event.dataTransfer.files, event), [takeFiles]);
  useEffect(() => {
    if (!takesPageDrops) return;
    const isFileDrag = (event: globalThis.DragEvent) => event.dataTransfer?.types.includes("Files") === true;
    const allowDrop = (event: globalThis.DragEvent) => {
      if (isFileDrag(event)) event.preventDefault();
    };
    const drop = (event: globalThis.DragEvent) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      // Taken already by a message being edited (React's handlers, on the document too, run first).
      if (files.length === 0 || event.defaultPrevented) return;
      event.preventDefault();
      add(files);
    };
    document.addEventListener("dragover", allowDrop);
    document.addEventListener("drop", drop);
    return () => {
      document.removeEventListener("dragover", allowDrop);
      document.removeEventListener("drop", drop);
    };
  }, [add, takesPageDrops]);
  return { handlePaste, handleDrop };
}
