// Personal API keys and usage (issue 17): Settings' sections, and the admin's table of every key.
export { ApiKeySettings } from "./api-key-settings";
export { ApiKeyTable } from "./api-key-table";
export type { ApiKeyRow, OwnUsage } from "./api-key-types";
export { UsageSettings } from "./usage-settings";
