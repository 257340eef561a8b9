"use client";

// The files attached in the composer or in a message's editor, as React sees them: a DraftFiles store (draft-files.ts),
// the limits it refuses files by, and the paste and drop of files.
import {
  type ClipboardEvent,
  type DragEvent,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from "react";
import { MEGABYTE } from "@/lib/limits";
import type { AttachmentView } from "@/lib/live/messages";
import { type AttachmentDraft, fromAttachment, isImageDraft } from "./attachment-draft";
import { useAttachmentLimits } from "./attachment-limits-context";
import type { DraftFileLimits } from "./draft-file-error";
import { DraftFiles } from "./draft-files";
import { findDraftsOverTotal } from "./draft-limits";
import { filesToAttachFromPaste } from "./pasted-files";

export type { AttachmentDraft } from "./attachment-draft";

// Longer than the most between two dragover events of a drag still over the page (useFileEvents).
const DRAG_GONE_MS = 800;

export function useDraftFileLimits(): DraftFileLimits {
  const { filesPerMessage, fileMegabytes } = useAttachmentLimits();
  return useMemo(() => ({ filesPerMessage, maxFileBytes: fileMegabytes * MEGABYTE }), [filesPerMessage, fileMegabytes]);
}

/** The files of a message being edited, which its new version keeps unless they are removed: this form's own store. */
export function useEditedMessageFiles(sent: AttachmentView[]): DraftFiles {
  const limits = useDraftFileLimits();
  const [store] = useState(
    () =>
      new DraftFiles(
        sent.map((file) => fromAttachment(file, null, true)),
        limits,
      ),
  );
  return store;
}

// Drafts live in this tab only: the server renders none, and the page shows them once it runs.
const NO_DRAFTS: AttachmentDraft[] = [];
const getServerSnapshot = () => NO_DRAFTS;

/**
 * `takesPageDrops`: the composer's files take those dropped anywhere on the page; a message being edited takes
 * those dropped on its own element only (`handleDrop`).
 */
export function useAttachmentDrafts(store: DraftFiles, { takesPageDrops = true } = {}) {
  const limits = useDraftFileLimits();
  const { messageMegabytes } = useAttachmentLimits();
  useEffect(() => store.setLimits(limits), [store, limits]);
  const drafts = useSyncExternalStore(store.subscribe, store.getSnapshot, getServerSnapshot);
  const add = useCallback((files: File[]) => store.add(files), [store]);
  const remove = useCallback((key: string) => store.remove(key), [store]);
  const retry = useCallback((key: string) => store.retry(key), [store]);
  const take = useCallback(() => store.take(), [store]);
  const restore = useCallback((attachments: AttachmentView[]) => store.restore(attachments), [store]);

  const { handlePaste, handleDrop, isDraggingFiles } = useFileEvents(add, takesPageDrops);
  const isUploading = drafts.some((draft) => draft.status === "uploading");
  const hasImages = drafts.some((draft) => draft.status !== "failed" && isImageDraft(draft));
  const overTotal = useMemo(() => findDraftsOverTotal(drafts, messageMegabytes * MEGABYTE), [drafts, messageMegabytes]);
  return {
    drafts,
    add,
    remove,
    retry,
    take,
    restore,
    handlePaste,
    handleDrop,
    isDraggingFiles,
    isUploading,
    hasImages,
    overTotal,
  };
}

export type AttachmentDrafts = ReturnType<typeof useAttachmentDrafts>;

/**
 * Files pasted (a screenshot from the clipboard), or dropped: anywhere on the page (the conversation, the composer)
 * for the one set of drafts that `takesPageDrops` (the composer's), else on the element given `handleDrop` (a message
 * being edited), which marks them taken (preventDefault) so that the page's listener leaves them. A file dropped
 * elsewhere would otherwise make the browser leave the page to open it. `isDraggingFiles`: files are being dragged
 * over the page, for the drafts that take its drops.
 */
function useFileEvents(add: (files: File[]) => void, takesPageDrops: boolean) {
  const [isDraggingFiles, setIsDraggingFiles] = useState(false);
  // Files pasted or dropped are attached, and the event marked taken; an event without files is left as it is.
  const takeFiles = useCallback(
    (files: File[], event: { preventDefault: () => void }) => {
      if (files.length === 0) return;
      event.preventDefault();
      add(files);
    },
    [add],
  );
  const handlePaste = useCallback(
    (event: ClipboardEvent) => {
      const data = event.clipboardData;
      takeFiles(filesToAttachFromPaste([...data.files], data.getData("text/plain")), event);
    },
    [takeFiles],
  );
  const handleDrop = useCallback((event: DragEvent) => takeFiles([...event.dataTransfer.files], event), [takeFiles]);
  useEffect(() => {
    if (!takesPageDrops) return;
    const isFileDrag = (event: globalThis.DragEvent) => event.dataTransfer?.types.includes("Files") === true;
    // A drag over the page fires dragover at least every 350 ms (give or take 200), moving or not (HTML's
    // drag-and-drop processing model): none for longer means it left the window or was given up, which the page is
    // not reliably told of otherwise.
    let dragEnd: ReturnType<typeof setTimeout> | undefined;
    const endDrag = () => {
      clearTimeout(dragEnd);
      setIsDraggingFiles(false);
    };
    const allowDrop = (event: globalThis.DragEvent) => {
      if (!isFileDrag(event)) return;
      event.preventDefault();
      setIsDraggingFiles(true);
      clearTimeout(dragEnd);
      dragEnd = setTimeout(endDrag, DRAG_GONE_MS);
    };
    const drop = (event: globalThis.DragEvent) => {
      endDrag();
      const files = [...(event.dataTransfer?.files ?? [])];
      // Taken already by a message being edited (React's handlers, on the document too, run first).
      if (files.length === 0 || event.defaultPrevented) return;
      event.preventDefault();
      add(files);
    };
    document.addEventListener("dragover", allowDrop);
    document.addEventListener("drop", drop);
    return () => {
      endDrag();
      document.removeEventListener("dragover", allowDrop);
      document.removeEventListener("drop", drop);
    };
  }, [add, takesPageDrops]);
  return { handlePaste, handleDrop, isDraggingFiles };
}
