// Limits shared by the browser and the server, so that both enforce the same numbers. No server imports here.
export const MAX_MESSAGE_LENGTH = 32_000;
export const MAX_TITLE_LENGTH = 200;
// conversations.json of a years-long ChatGPT history is tens of megabytes.
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
// Attachments (issue 15): checked in the browser before an upload, and on the server while it streams.
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
export const MAX_ATTACHMENT_BYTES_PER_MESSAGE = 50 * 1024 * 1024;
export const MAX_ATTACHMENT_STORAGE_PER_USER = 1024 * 1024 * 1024;
// The browser re-encodes images to fit this before uploading them (what providers accept).
export const MAX_IMAGE_SIDE = 2048;
// Custom instructions (Settings → Account): about a page of text.
export const MAX_CUSTOM_INSTRUCTIONS_LENGTH = 4_000;
// A /v1 chat completion carries its images inline (base64 data URLs): room for one image of an attachment's size.
export const MAX_API_REQUEST_BYTES = 20 * 1024 * 1024;
