// The composer's drafts as the tab keeps them (sessionStorage), and their clearing at sign-out and account deletion:
// apart from the chat feature, whose composer shows them, so that the sign-out button (on the waiting page too) and
// the account page reach this without bringing the composer's code with them.
export { clearComposerDrafts, setLoadedDraftsForgetter } from "./clear-composer-drafts";
export { claimStoredDrafts, readStoredDraft, type StoredDraft, writeStoredDraft } from "./composer-draft-storage";
