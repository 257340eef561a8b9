// Limits shared by the browser and the server, so that both enforce the same numbers. No server imports here.
export const MAX_MESSAGE_LENGTH = 32_000;
export const MAX_TITLE_LENGTH = 200;
// conversations.json of a years-long ChatGPT history is tens of megabytes.
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
// Attachments (issue 15): the admin sets the limits in the console (lib/attachments/attachment-limits.ts); these are
// their defaults, in megabytes but for the count, and the largest values an admin may set.
export const DEFAULT_ATTACHMENT_LIMITS = {
  fileMegabytes: 20,
  filesPerMessage: 10,
  messageMegabytes: 50,
  storageMegabytes: 1024,
};
export const ATTACHMENT_LIMIT_CEILINGS = {
  // The upload is held in memory while it is checked: this bounds what one upload may cost the server.
  fileMegabytes: 100,
  filesPerMessage: 50,
  messageMegabytes: 500,
  storageMegabytes: 1024 * 1024,
};
export type AttachmentLimits = typeof DEFAULT_ATTACHMENT_LIMITS;
export const MEGABYTE = 1024 * 1024;
// An upload no message claimed is swept after this (lib/server/clean-up-sweep.ts); the composer marks a draft's file
// as gone somewhat before (DRAFT_UPLOAD_LIFETIME_MS) rather than letting its send be refused.
export const UNCLAIMED_UPLOAD_LIFETIME_MS = 60 * 60 * 1000;
// The browser re-encodes images to fit this before uploading them (what providers accept).
export const MAX_IMAGE_SIDE = 2048;
// A file's name, as uploaded (the composer shortens a name it changes to fit).
export const MAX_FILE_NAME_LENGTH = 255;
// The image formats providers accept, the only files read as images (sniff.ts; the composer re-encodes these).
export const IMAGE_CONTENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
// A system prompt: the admin's for a model, or a conversation's own (its settings).
export const MAX_SYSTEM_PROMPT_LENGTH = 20_000;
// The words a reader may add to a verdict on a reply (the reply's Good and Bad buttons).
export const MAX_FEEDBACK_COMMENT_LENGTH = 2_000;
// Custom instructions (Settings → Account): about a page of text.
export const MAX_CUSTOM_INSTRUCTIONS_LENGTH = 4_000;
// Admin → API & limits: the largest values the console takes, given to its number fields too, so that the browser
// says so before the server does. Token limits are PostgreSQL integers.
export const MAX_API_REQUESTS_PER_MINUTE = 100_000;
export const MAX_TOKEN_LIMIT = 2_147_483_647;
export const MAX_MONTHLY_COST_DOLLARS = 1_000_000;
export const MAX_PRICE_PER_MILLION_DOLLARS = 100_000;
// A /v1 chat completion carries its images inline (base64 data URLs): room for one image of an attachment's size.
export const MAX_API_REQUEST_BYTES = 20 * 1024 * 1024;
