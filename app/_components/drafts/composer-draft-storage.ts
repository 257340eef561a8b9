// The composer's drafts in the tab's sessionStorage, so that a reload keeps them: the text, the uploaded files by
// their server rows (a file's bytes cannot be kept), and files that were not uploaded by name only, to be shown as
// lost rather than vanish; the new chat's also its system prompt. Under the signed-in user's id: another user signing in to the tab finds none of them.
import { z } from "zod";
import { draftFileErrorSchema } from "@/app/_components/attachments";
import { attachmentViewSchema } from "@/lib/live/messages";

const OWNER_KEY = "parley.drafts.owner";
const DRAFT_PREFIX = "parley.draft:";
// A text longer than a message may be is kept too (the composer says it is too long, the user shortens it), up to
// what leaves room in sessionStorage (about 5 MB an origin, 2 bytes a character): a longer one lasts until a reload.
const MAX_STORED_TEXT_LENGTH = 1_000_000;

const storedFileSchema = z.union([
  z.object({ attachment: attachmentViewSchema, uploadedAt: z.number() }).strict(),
  // An error this version does not know (stored by an older one, whose words were stored) reads as none.
  z
    .object({
      name: z.string(),
      size: z.number(),
      isImage: z.boolean(),
      error: draftFileErrorSchema.nullable().catch(null),
    })
    .strict(),
]);

const storedDraftSchema = z
  .object({
    text: z.string().max(MAX_STORED_TEXT_LENGTH),
    // Absent from a draft stored by an older version.
    systemPrompt: z.string().max(MAX_STORED_TEXT_LENGTH).default(""),
    isSendAsked: z.boolean(),
    isLeftWaiting: z.boolean(),
    files: z.array(storedFileSchema),
  })
  .strict();

export type StoredDraft = z.output<typeof storedDraftSchema>;

// sessionStorage throws when the browser refuses it (storage disabled, full): drafts then last until a reload.
function withStorage<T>(use: (storage: Storage) => T, otherwise: T): T {
  try {
    return use(window.sessionStorage);
  } catch {
    return otherwise;
  }
}

export function readStoredDraft(key: string): StoredDraft | null {
  return withStorage((storage) => {
    const text = storage.getItem(DRAFT_PREFIX + key);
    if (text === null) return null;
    const parsed = storedDraftSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  }, null);
}

/** An empty draft is removed rather than stored. */
export function writeStoredDraft(key: string, draft: StoredDraft): void {
  const isEmpty =
    draft.text === "" &&
    draft.systemPrompt === "" &&
    draft.files.length === 0 &&
    !draft.isSendAsked &&
    !draft.isLeftWaiting;
  const isTooLong = Math.max(draft.text.length, draft.systemPrompt.length) > MAX_STORED_TEXT_LENGTH;
  withStorage((storage) => {
    if (isEmpty || isTooLong) storage.removeItem(DRAFT_PREFIX + key);
    else storage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
  }, undefined);
}

function removeStoredDrafts(storage: Storage): void {
  const keys = Array.from({ length: storage.length }, (_, index) => storage.key(index));
  for (const key of keys) if (key?.startsWith(DRAFT_PREFIX)) storage.removeItem(key);
}

/** The drafts stored are `ownerId`'s from now on: another user's, left in the tab, are removed first. */
export function claimStoredDrafts(ownerId: string): void {
  withStorage((storage) => {
    if (storage.getItem(OWNER_KEY) === ownerId) return;
    removeStoredDrafts(storage);
    storage.setItem(OWNER_KEY, ownerId);
  }, undefined);
}

export function clearStoredDrafts(): void {
  withStorage((storage) => {
    removeStoredDrafts(storage);
    storage.removeItem(OWNER_KEY);
  }, undefined);
}
