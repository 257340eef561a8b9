// The names and version of Parley's JSON exports, apart from export.ts so that the import worker can read them
// without loading the database layer.
export const CONVERSATION_EXPORT_FORMAT = "parley-conversation";
export const ACCOUNT_EXPORT_FORMAT = "parley-account";
export const EXPORT_VERSION = 1;
