"use client";

// Each conversation's unsent draft, and the new chat's, for the tab: its text, its files (uploads go on while the
// user is elsewhere and land here) and whether a send was waiting for them; the new chat's also its system prompt. Module state, because a draft outlives
// its composer (ChatThread is keyed by conversation), kept in sessionStorage too for a reload
// (drafts/composer-draft-storage.ts); per signed-in user, and cleared by signing out (drafts/).
import { createContext, type ReactNode, useContext, useMemo, useSyncExternalStore } from "react";
import {
  type AttachmentDraft,
  type DraftFileLimits,
  DraftFiles,
  failedDraft,
  fromAttachment,
  useDraftFileLimits,
} from "@/app/_components/attachments";
import {
  claimStoredDrafts,
  readStoredDraft,
  type StoredDraft,
  setLoadedDraftsForgetter,
  writeStoredDraft,
} from "@/app/_components/drafts";
import type { AttachmentView } from "@/lib/live/messages";

/** A message sent from this draft that the server refused, offered back whole: its text and its files. */
export type RefusedMessage = { content: string; attachments: AttachmentView[] };

/** The new chat's draft, beside the conversations' (keyed by their ids). */
export const NEW_CHAT_DRAFT = "new-chat";

/**
 * `isSendAsked`: a send waits for the uploads; `isLeftWaiting`: the user left before it went, so it did not;
 * `systemPrompt`: the new chat's, sent with the conversation it starts (a conversation's own is saved at once).
 */
export type DraftState = { text: string; systemPrompt: string; isSendAsked: boolean; isLeftWaiting: boolean };

const EMPTY: DraftState = { text: "", systemPrompt: "", isSendAsked: false, isLeftWaiting: false };

export class ComposerDraft {
  #state: DraftState;
  readonly #listeners = new Set<() => void>();
  // Cleared (signed out): a put-back or a keystroke still arriving in a composer on its way out stores nothing.
  #isDisposed = false;
  // What was last written: an upload's progress, many events a second, changes nothing stored and writes nothing.
  #stored: string | null = null;
  readonly #putBackMessages = new WeakSet<RefusedMessage>();

  constructor(
    readonly key: string,
    state: DraftState,
    readonly files: DraftFiles,
  ) {
    this.#state = state;
    files.subscribe(() => this.#save());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): DraftState => this.#state;

  update(change: Partial<DraftState>): void {
    if (Object.entries(change).every(([name, value]) => this.#state[name as keyof DraftState] === value)) return;
    this.#state = { ...this.#state, ...change };
    this.#save();
    for (const listener of this.#listeners) listener();
  }

  /** A refused message comes back: its files, and its text unless the user has typed another meanwhile. */
  putBack(message: RefusedMessage): void {
    if (this.#state.text === "") this.update({ text: message.content });
    this.files.restore(message.attachments);
  }

  /** `putBack`, once for each refusal however often a composer showing it mounts (its files would come back twice). */
  putBackOnce(message: RefusedMessage): void {
    if (this.#putBackMessages.has(message)) return;
    this.#putBackMessages.add(message);
    this.putBack(message);
  }

  /** A send still waiting when its composer first shows was left behind (another conversation, a reload). */
  settleLeftSend(): void {
    if (this.#state.isSendAsked) this.update({ isSendAsked: false, isLeftWaiting: true });
  }

  dispose(): void {
    this.#isDisposed = true;
    this.files.dispose();
  }

  #save(): void {
    if (this.#isDisposed) return;
    const stored = { ...this.#state, files: this.files.getSnapshot().map(toStoredFile) };
    const text = JSON.stringify(stored);
    if (text === this.#stored) return;
    this.#stored = text;
    writeStoredDraft(this.key, stored);
  }
}

function toStoredFile(draft: AttachmentDraft): StoredDraft["files"][number] {
  if (draft.status === "ready" && draft.attachment && draft.uploadedAt !== null) {
    return { attachment: draft.attachment, uploadedAt: draft.uploadedAt };
  }
  return { name: draft.name, size: draft.size, isImage: draft.isImage, error: draft.error };
}

function fromStoredFile(file: StoredDraft["files"][number]): AttachmentDraft {
  if ("attachment" in file) return fromAttachment(file.attachment, file.uploadedAt);
  return failedDraft(file, file.error ?? { code: "interrupted" });
}

// Kept for the tab's life, an empty one too: an entry is a few hundred bytes, and one let go while a composer that
// has yet to subscribe holds it would lose what is typed there.
const drafts = new Map<string, ComposerDraft>();
let draftsOwner: string | null = null;

// Called while rendering (useComposerDraft's useMemo), so it must come to the same whenever React calls it again: the
// owner's switch runs once per user (the tab's first, or the next after a sign-out cleared the drafts), and a key
// gives back the draft made for it the first time.
function getComposerDraft(ownerId: string, key: string, limits: DraftFileLimits): ComposerDraft {
  if (ownerId !== draftsOwner) {
    forgetDrafts();
    claimStoredDrafts(ownerId);
    draftsOwner = ownerId;
  }
  const existing = drafts.get(key);
  if (existing) return existing;
  const stored = readStoredDraft(key);
  const files = new DraftFiles(stored?.files.map(fromStoredFile) ?? [], limits);
  const { text, systemPrompt, isSendAsked, isLeftWaiting } = stored ?? EMPTY;
  const draft = new ComposerDraft(key, { text, systemPrompt, isSendAsked, isLeftWaiting }, files);
  drafts.set(key, draft);
  return draft;
}

function forgetDrafts(): void {
  for (const draft of drafts.values()) draft.dispose();
  drafts.clear();
  draftsOwner = null;
}

setLoadedDraftsForgetter(forgetDrafts);

const DraftOwnerContext = createContext<string | null>(null);

/** The signed-in user whose drafts the composers show (the signed-in layout gives it). */
export function DraftOwnerProvider({ ownerId, children }: { ownerId: string; children: ReactNode }) {
  return <DraftOwnerContext.Provider value={ownerId}>{children}</DraftOwnerContext.Provider>;
}

const getServerState = () => EMPTY;

/** The draft kept under `key`; on the server (and without a user) one of its own, kept nowhere. */
export function useComposerDraft(key: string): { draft: ComposerDraft; state: DraftState } {
  const ownerId = useContext(DraftOwnerContext);
  const limits = useDraftFileLimits();
  // biome-ignore lint/correctness/useExhaustiveDependencies: one draft per user and key; the limits reach it through useAttachmentDrafts.
  const draft = useMemo(() => {
    if (typeof window === "undefined" || ownerId === null)
      return new ComposerDraft(key, EMPTY, new DraftFiles([], limits));
    return getComposerDraft(ownerId, key, limits);
  }, [ownerId, key]);
  const state = useSyncExternalStore(draft.subscribe, draft.getSnapshot, getServerState);
  return { draft, state };
}
