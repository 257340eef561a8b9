import type { AttachmentDraft } from "./use-attachment-drafts";

/**
 * The uploaded files that take the message past its total size, in the order they were attached: the first ones
 * that fit are kept, each one after them that does not fit is refused. Only uploaded files count: an image's size
 * is known once it is re-encoded and stored.
 */
export function findDraftsOverTotal(drafts: AttachmentDraft[], maxBytes: number): Set<string> {
  const over = new Set<string>();
  let total = 0;
  for (const draft of drafts) {
    if (draft.status !== "ready") continue;
    if (total + draft.size > maxBytes) over.add(draft.key);
    else total += draft.size;
  }
  return over;
}
