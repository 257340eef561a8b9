// Signing out, or deleting the account: nothing of the user's unsent drafts is left in the tab for whoever uses the
// computer next. The drafts loaded in the page (chat/composer-drafts.tsx) say how to throw them away.
import { clearStoredDrafts } from "./composer-draft-storage";

let forgetLoadedDrafts: () => void = () => {};

/** chat/composer-drafts.tsx: how to stop the drafts of this page (their uploads and timers) once they are cleared. */
export function setLoadedDraftsForgetter(forget: () => void): void {
  forgetLoadedDrafts = forget;
}

/** Call once the server has ended the session (or deleted the account): a failed sign-out leaves the drafts. */
export function clearComposerDrafts(): void {
  forgetLoadedDrafts();
  clearStoredDrafts();
}
