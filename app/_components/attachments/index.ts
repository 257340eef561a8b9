// Attachments in the browser (issue 15): the composer's files and a sent message's files.
export { AttachButton } from "./attach-button";
export { AttachmentChips } from "./attachment-chips";
export { type AttachmentDraft, failedDraft, fromAttachment } from "./attachment-draft";
export { AttachmentLimitsProvider } from "./attachment-limits-context";
export { type DraftFileLimits, draftFileErrorSchema } from "./draft-file-error";
export { DraftFiles } from "./draft-files";
export { FileDropTarget } from "./file-drop-target";
export { formatSize } from "./format-size";
export { MessageAttachments } from "./message-attachments";
export { SendStatus, useSendAfterUploads } from "./send-after-uploads";
export {
  type AttachmentDrafts,
  useAttachmentDrafts,
  useDraftFileLimits,
  useEditedMessageFiles,
} from "./use-attachment-drafts";
export { useBlockingFile } from "./use-blocking-file";
