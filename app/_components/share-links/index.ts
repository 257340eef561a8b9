// What the other features may use of this one; the rest of the folder is its own.

export { ShareLinkDialog } from "./lazy-share-link-dialog";
export { ShareLinkButton } from "./share-link-button";
