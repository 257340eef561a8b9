// Limits shared by the browser and the server, so that both enforce the same numbers. No server imports here.
export const MAX_MESSAGE_LENGTH = 32_000;
export const MAX_TITLE_LENGTH = 200;
// conversations.json of a years-long ChatGPT history is tens of megabytes.
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
// Custom instructions (Settings → Account): about a page of text.
export const MAX_CUSTOM_INSTRUCTIONS_LENGTH = 4_000;
