// What the other features may use of this one; the rest of the folder is its own.
export { ShareLinkButton } from "./share-link-button";
export { ShareLinkDialog } from "./share-link-dialog";
