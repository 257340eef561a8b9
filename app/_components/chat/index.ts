// What the other features may use of this one; the rest of the folder is its own.
export { DraftOwnerProvider } from "./composer-drafts";
