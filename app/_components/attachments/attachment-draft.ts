// A file attached to a message before it is sent, as its chip shows it: made from a picked file, from a file already
// on the server (a restored draft, a message being edited) or as a failure to name on its chip.
import type { AttachmentView } from "@/lib/live/messages";
import type { DraftFileError } from "./draft-file-error";
import { IMAGE_TYPES } from "./image-format";

export type AttachmentDraft = {
  key: string;
  name: string;
  size: number;
  isImage: boolean;
  previewUrl: string | null;
  status: "uploading" | "ready" | "failed";
  progress: number;
  error: DraftFileError | null;
  /** Failed in a way another try may mend (no answer, the server busy), and the file is still at hand. */
  isRetryable: boolean;
  attachment: AttachmentView | null;
  /** When its upload finished (this browser's clock): the server sweeps it an hour later unless a message claims it. */
  uploadedAt: number | null;
  /** A file of the message being edited: already sent, so never deleted when removed from the new version. */
  isSent: boolean;
};

/** An image by what the server sniffed once it is uploaded; until then by the type the browser gives the file. */
export function isImageDraft(draft: AttachmentDraft): boolean {
  return draft.attachment ? draft.attachment.kind === "IMAGE" : draft.isImage;
}

/** What a file whose upload failed, or was swept, holds: no upload, no server row. */
export const FAILED_UPLOAD = { status: "failed", progress: 0, attachment: null, uploadedAt: null } as const;

let nextKey = 0;

function nextDraftKey(): string {
  nextKey += 1;
  return `draft-${nextKey}`;
}

// The browser's type comes from the file's name, and only the server's, from the bytes, is known to be right: an
// image by the browser's type is one the server could read as an image (never an SVG, which it stores as text).
export function newDraft(file: File): AttachmentDraft {
  const isImage = IMAGE_TYPES.has(file.type);
  return {
    key: nextDraftKey(),
    name: file.name || "pasted-image.png",
    size: file.size,
    isImage,
    previewUrl: isImage ? URL.createObjectURL(file) : null,
    status: "uploading",
    progress: 0,
    error: null,
    isRetryable: false,
    attachment: null,
    uploadedAt: null,
    isSent: false,
  };
}

// A picked image's thumbnail is the file itself, held by the browser until its address is let go: let go when the
// chip goes (sent, removed, thrown away or expired), or every image ever attached in the tab stays in memory.
export function releasePreview(draft: AttachmentDraft): void {
  if (draft.previewUrl?.startsWith("blob:")) URL.revokeObjectURL(draft.previewUrl);
}

/** The server's copy of a stored image, as its thumbnail. */
function storedPreviewUrl(attachment: AttachmentView): string | null {
  return attachment.kind === "IMAGE" ? `/api/attachments/${attachment.id}` : null;
}

/**
 * A picked file once the server has stored it: named and shown as the server read it (the name of what was uploaded,
 * a re-encoded image's included, and the kind sniffed from the bytes). An HTML page named .png keeps no thumbnail of
 * a picture that is not one; an image the browser did not know as one gets the server's copy.
 */
export function uploadedDraft(draft: AttachmentDraft, attachment: AttachmentView, uploadedAt: number) {
  const isImage = attachment.kind === "IMAGE";
  const previewUrl = isImage ? (draft.previewUrl ?? storedPreviewUrl(attachment)) : null;
  const { name, size } = attachment;
  return { status: "ready", progress: 1, attachment, name, size, isImage, previewUrl, uploadedAt } as const;
}

export function fromAttachment(attachment: AttachmentView, uploadedAt: number | null, isSent = false): AttachmentDraft {
  return {
    key: nextDraftKey(),
    name: attachment.name,
    size: attachment.size,
    isImage: attachment.kind === "IMAGE",
    previewUrl: storedPreviewUrl(attachment),
    status: "ready",
    progress: 1,
    error: null,
    isRetryable: false,
    attachment,
    uploadedAt,
    isSent,
  };
}

/** A file whose upload was lost (by a reload) or refused, named on its chip so that it is not lost unseen. */
export function failedDraft(
  file: Pick<AttachmentDraft, "name" | "size" | "isImage">,
  error: DraftFileError,
): AttachmentDraft {
  return { key: nextDraftKey(), ...file, ...FAILED_UPLOAD, previewUrl: null, error, isRetryable: false, isSent: false };
}
