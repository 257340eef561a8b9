// The files attached to a message before it is sent, outside React: a store the composer keeps per conversation
// (chat/composer-drafts.tsx), so that an upload goes on while the user looks at another conversation and lands in the
// draft it was made for. Each file uploads at once (images downscaled first) and is refused on its own chip with its
// reason; the file is kept until it is uploaded, for Retry when trying again can help.
import { UNCLAIMED_UPLOAD_LIFETIME_MS } from "@/lib/limits";
import type { AttachmentView } from "@/lib/live/messages";
import {
  type AttachmentDraft,
  FAILED_UPLOAD,
  fromAttachment,
  newDraft,
  releasePreview,
  uploadedDraft,
} from "./attachment-draft";
import { downscaleImage } from "./downscale-image";
import type { DraftFileError, DraftFileLimits } from "./draft-file-error";
import { isRetryableRefusal, uploadFile } from "./upload-file";

const TOO_MANY: DraftFileError = { code: "too_many" };

/**
 * How long an unsent upload is offered for sending. The sweep may remove it from an hour after the server made its
 * row (lib/server/clean-up-sweep.ts), a time before `uploadedAt` (this browser's clock, read once the upload ended)
 * by the upload's length and any gap between the two clocks: 10 minutes early covers both, so the chip says the file
 * is gone before the sweep could have removed it, never after.
 */
export const DRAFT_UPLOAD_LIFETIME_MS = UNCLAIMED_UPLOAD_LIFETIME_MS - 10 * 60 * 1000;

// When each file handed to a message was uploaded, by its id: module state, for a refused message's files put back
// in another store (a new chat's first message, refused in its conversation's page). Let go once put back, or past
// the lifetime (a file put back after that is gone anyway).
const takenUploadTimes = new Map<string, number>();

function rememberUploadTimes(drafts: AttachmentDraft[]): void {
  for (const [id, uploadedAt] of takenUploadTimes) {
    if (uploadedAt + DRAFT_UPLOAD_LIFETIME_MS < Date.now()) takenUploadTimes.delete(id);
  }
  for (const draft of drafts) {
    if (draft.attachment && draft.uploadedAt !== null) takenUploadTimes.set(draft.attachment.id, draft.uploadedAt);
  }
}

/** Unknown (let go past its lifetime): 0, so that the file is marked gone at once. */
function takeUploadTime(id: string): number {
  const uploadedAt = takenUploadTimes.get(id) ?? 0;
  takenUploadTimes.delete(id);
  return uploadedAt;
}

export class DraftFiles {
  #drafts: AttachmentDraft[];
  #limits: DraftFileLimits;
  readonly #listeners = new Set<() => void>();
  readonly #controllers = new Map<string, AbortController>();
  // The picked files, for Retry; let go once uploaded or removed.
  readonly #files = new Map<string, File>();
  readonly #expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(drafts: AttachmentDraft[], limits: DraftFileLimits) {
    this.#drafts = drafts;
    this.#limits = limits;
    for (const draft of drafts) this.#watchExpiry(draft);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): AttachmentDraft[] => this.#drafts;

  setLimits(limits: DraftFileLimits): void {
    this.#limits = limits;
  }

  add(files: File[]): void {
    const room = this.#limits.filesPerMessage - this.#countKept();
    const added = files.map((file, index) => {
      const draft = newDraft(file);
      return index < room ? draft : { ...draft, ...FAILED_UPLOAD, error: TOO_MANY };
    });
    this.#set([...this.#drafts, ...added]);
    added.forEach((draft, index) => {
      const file = files[index];
      if (draft.status === "uploading" && file) void this.#upload(draft, file);
    });
  }

  retry(key: string): void {
    const draft = this.#drafts.find((item) => item.key === key);
    const file = this.#files.get(key);
    if (!draft?.isRetryable || !file) return;
    if (this.#countKept() >= this.#limits.filesPerMessage) {
      this.#update(key, { isRetryable: false, error: TOO_MANY });
      return;
    }
    this.#update(key, { status: "uploading", progress: 0, error: null, isRetryable: false });
    void this.#upload(draft, file);
  }

  remove(key: string): void {
    this.#controllers.get(key)?.abort();
    this.#forget(key);
    const draft = this.#drafts.find((item) => item.key === key);
    if (draft) releasePreview(draft);
    // An upload no message will claim: removed now rather than by the hourly sweep (which also catches a failure).
    if (draft?.attachment && !draft.isSent) {
      fetch(`/api/attachments/${draft.attachment.id}`, { method: "DELETE" }).catch(() => {});
    }
    this.#set(this.#drafts.filter((item) => item.key !== key));
  }

  /** The uploaded files, handed to a message and cleared from the draft. */
  take(): AttachmentView[] {
    const taken = this.#drafts.flatMap((draft) => (draft.attachment ? [draft] : []));
    rememberUploadTimes(taken);
    for (const draft of this.#drafts) {
      this.#forget(draft.key);
      releasePreview(draft);
    }
    this.#set([]);
    return taken.flatMap((draft) => (draft.attachment ? [draft.attachment] : []));
  }

  /** Files of a message the server refused: back in the draft for another try. */
  restore(attachments: AttachmentView[]): void {
    const restored = attachments.map((file) => fromAttachment(file, takeUploadTime(file.id)));
    for (const draft of restored) this.#watchExpiry(draft);
    this.#set([...restored, ...this.#drafts]);
  }

  /** Stops the uploads and timers: the draft is thrown away (its user signed out). */
  dispose(): void {
    for (const controller of this.#controllers.values()) controller.abort();
    for (const draft of this.#drafts) {
      this.#forget(draft.key);
      releasePreview(draft);
    }
    this.#listeners.clear();
  }

  #countKept(): number {
    return this.#drafts.filter((draft) => draft.status !== "failed").length;
  }

  async #upload(draft: AttachmentDraft, file: File): Promise<void> {
    this.#files.set(draft.key, file);
    // Made before the image is shrunk, and checked after each wait: a file removed, or the draft thrown away at
    // sign-out, meanwhile must not be uploaded (into whoever's session the tab has by then).
    const controller = new AbortController();
    this.#controllers.set(draft.key, controller);
    const body = await downscaleImage(file, draft.name);
    if (controller.signal.aborted) return;
    if (body.size > this.#limits.maxFileBytes) {
      this.#controllers.delete(draft.key);
      this.#update(draft.key, { ...FAILED_UPLOAD, error: { code: "too_large" } });
      return;
    }
    const onProgress = (progress: number) => this.#update(draft.key, { progress });
    const answer = await uploadFile(body, body.name, onProgress, controller.signal);
    this.#controllers.delete(draft.key);
    if (controller.signal.aborted) return;
    if (!answer.isOk) {
      const isRetryable = isRetryableRefusal(answer.status, answer.error.code);
      this.#update(draft.key, { status: "failed", error: { code: "refused", error: answer.error }, isRetryable });
      return;
    }
    this.#files.delete(draft.key);
    const ready = uploadedDraft(draft, answer.attachment, Date.now());
    if (ready.previewUrl !== draft.previewUrl) releasePreview(draft);
    this.#update(draft.key, ready);
    this.#watchExpiry({ ...draft, ...ready });
  }

  // The server sweeps an unsent upload after an hour: the chip says so before, instead of the send being refused.
  #watchExpiry(draft: AttachmentDraft): void {
    if (draft.isSent || draft.uploadedAt === null || draft.status !== "ready") return;
    // Its thumbnail was the server's copy, gone with it.
    const expire = () => {
      releasePreview(draft);
      this.#update(draft.key, { ...FAILED_UPLOAD, previewUrl: null, error: { code: "expired" } });
    };
    const delay = draft.uploadedAt + DRAFT_UPLOAD_LIFETIME_MS - Date.now();
    this.#expiryTimers.set(draft.key, setTimeout(expire, Math.max(delay, 0)));
  }

  #forget(key: string): void {
    clearTimeout(this.#expiryTimers.get(key));
    this.#expiryTimers.delete(key);
    this.#files.delete(key);
    this.#controllers.delete(key);
  }

  #update(key: string, change: Partial<AttachmentDraft>): void {
    if (!this.#drafts.some((draft) => draft.key === key)) return;
    this.#set(this.#drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  }

  #set(drafts: AttachmentDraft[]): void {
    this.#drafts = drafts;
    for (const listener of this.#listeners) listener();
  }
}
