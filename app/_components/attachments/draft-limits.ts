import { type AttachmentDraft, isImageDraft } from "./attachment-draft";

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

type Refusals = { refusesImages: boolean; overTotal: Set<string> };

/**
 * The first file that keeps the message from being sent, as its chip says: one that failed (the message would go
 * without it, unseen), an image for a model that reads none, or one past the message's total.
 */
export function findBlockingDraft(drafts: AttachmentDraft[], { refusesImages, overTotal }: Refusals) {
  return (
    drafts.find(
      (draft) => draft.status === "failed" || (refusesImages && isImageDraft(draft)) || overTotal.has(draft.key),
    ) ?? null
  );
}
