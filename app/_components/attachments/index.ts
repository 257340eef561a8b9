// Attachments in the browser (issue 15): the composer's files and a sent message's files.
export { AttachButton } from "./attach-button";
export { AttachmentChips } from "./attachment-chips";
export { AttachmentLimitsProvider } from "./attachment-limits-context";
export { formatSize } from "./format-size";
export { MessageAttachments } from "./message-attachments";
export { SendsAfterUploadsStatus, useSendAfterUploads } from "./send-after-uploads";
export { type AttachmentDraft, type AttachmentDrafts, useAttachmentDrafts } from "./use-attachment-drafts";
