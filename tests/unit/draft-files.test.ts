// The composer's files outside React: which failed uploads offer Retry, and a file left unsent past the server's sweep
// says so on its chip instead of the send being refused.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromAttachment } from "@/app/_components/attachments/attachment-draft";
import { downscaleImage } from "@/app/_components/attachments/downscale-image";
import { DRAFT_UPLOAD_LIFETIME_MS, DraftFiles } from "@/app/_components/attachments/draft-files";
import { isRetryableRefusal, uploadFile } from "@/app/_components/attachments/upload-file";
import { UNCLAIMED_UPLOAD_LIFETIME_MS } from "@/lib/limits";
import type { AttachmentView } from "@/lib/live/messages";

vi.mock("@/app/_components/attachments/downscale-image", () => ({ downscaleImage: vi.fn() }));
vi.mock("@/app/_components/attachments/upload-file", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/app/_components/attachments/upload-file")>()),
  uploadFile: vi.fn(),
}));

const limits = { filesPerMessage: 10, maxFileBytes: 1024 };
const file = { id: "f1", name: "notes.txt", kind: "DOCUMENT", contentType: "text/plain", size: 4 } as const;

describe("isRetryableRefusal", () => {
  it("offers another try when nothing answered or the server was busy or failing, not when it refused the file", () => {
    expect([0, 429, 500, 502, 503].map((status) => isRetryableRefusal(status))).toEqual([true, true, true, true, true]);
    expect([400, 401, 413, 415].map((status) => isRetryableRefusal(status))).toEqual([false, false, false, false]);
    // A full storage may have room after a chat is deleted or another chip removed; a file too large never will.
    expect(isRetryableRefusal(413, "storage_quota_exceeded")).toBe(true);
    expect(isRetryableRefusal(413, "payload_too_large")).toBe(false);
  });
});

describe("DraftFiles", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("marks an unsent upload as gone before the server's sweep may have removed it, and hands it to no message", () => {
    expect(DRAFT_UPLOAD_LIFETIME_MS).toBeLessThanOrEqual(UNCLAIMED_UPLOAD_LIFETIME_MS - 10 * 60_000);
    const uploadedAt = Date.now();
    const store = new DraftFiles([fromAttachment(file, uploadedAt)], limits);
    vi.advanceTimersByTime(DRAFT_UPLOAD_LIFETIME_MS - 1);
    expect(store.getSnapshot()[0]?.status).toBe("ready");
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()[0]).toMatchObject({ status: "failed", error: { code: "expired" }, attachment: null });
    expect(store.take()).toEqual([]);
  });

  it("marks a draft restored after its hour at once, and never a file of the message being edited", () => {
    const old = Date.now() - DRAFT_UPLOAD_LIFETIME_MS - 1000;
    const store = new DraftFiles([fromAttachment(file, old), fromAttachment(file, null, true)], limits);
    vi.advanceTimersByTime(0);
    expect(store.getSnapshot().map((draft) => draft.status)).toEqual(["failed", "ready"]);
  });
});

describe("DraftFiles putting a refused message's files back", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps when they were uploaded, in another store too (a new chat's first message refused in its page)", () => {
    const newChat = new DraftFiles([fromAttachment(file, Date.now() - DRAFT_UPLOAD_LIFETIME_MS + 60_000)], limits);
    const conversation = new DraftFiles([], limits);
    conversation.restore(newChat.take());
    vi.advanceTimersByTime(59_000);
    expect(conversation.getSnapshot()[0]?.status).toBe("ready");
    vi.advanceTimersByTime(1_000);
    expect(conversation.getSnapshot()[0]?.status).toBe("failed");
  });
});

describe("DraftFiles while an image is being shrunk", () => {
  const image = () => new File([new Uint8Array(8)], "photo.png", { type: "image/png" });

  /** Adds an image whose downscaling finishes only when the returned function is called. */
  function addImageHeldInDownscale(store: DraftFiles): () => Promise<void> {
    let finish: (shrunk: File) => void = () => {};
    vi.mocked(downscaleImage).mockReturnValueOnce(new Promise((resolve) => (finish = resolve)));
    store.add([image()]);
    return async () => {
      finish(new File([new Uint8Array(4)], "photo.png", { type: "image/png" }));
      await new Promise((resolve) => setTimeout(resolve, 0));
    };
  }

  it("uploads nothing once the draft is thrown away (signed out) before the image is ready", async () => {
    const store = new DraftFiles([], limits);
    const finishDownscale = addImageHeldInDownscale(store);
    store.dispose();
    await finishDownscale();
    expect(uploadFile).not.toHaveBeenCalled();
  });

  it("uploads nothing for an image removed before it was ready", async () => {
    const store = new DraftFiles([], limits);
    const finishDownscale = addImageHeldInDownscale(store);
    const key = store.getSnapshot()[0]?.key ?? "";
    store.remove(key);
    await finishDownscale();
    expect(uploadFile).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toEqual([]);
  });

  it("lets the browser free an image's thumbnail once its chip goes, removed or thrown away", async () => {
    const revoke = vi.spyOn(URL, "revokeObjectURL");
    const store = new DraftFiles([], limits);
    const finishFirst = addImageHeldInDownscale(store);
    const finishSecond = addImageHeldInDownscale(store);
    const [removed, kept] = store.getSnapshot();
    expect(removed?.previewUrl).toMatch(/^blob:/);
    store.remove(removed?.key ?? "");
    expect(revoke).toHaveBeenCalledWith(removed?.previewUrl);
    expect(revoke).not.toHaveBeenCalledWith(kept?.previewUrl);
    store.dispose();
    expect(revoke).toHaveBeenCalledWith(kept?.previewUrl);
    await Promise.all([finishFirst(), finishSecond()]);
  });
});

describe("DraftFiles once the server has stored a file", () => {
  afterEach(() => vi.mocked(uploadFile).mockReset());

  async function addUploaded(picked: File, shrunk: File, stored: AttachmentView): Promise<DraftFiles> {
    const store = new DraftFiles([], limits);
    vi.mocked(downscaleImage).mockResolvedValueOnce(shrunk);
    vi.mocked(uploadFile).mockResolvedValueOnce({ isOk: true, attachment: stored, status: 201 });
    store.add([picked]);
    await vi.waitFor(() => expect(store.getSnapshot()[0]?.status).toBe("ready"));
    return store;
  }

  it("shows the file icon for what the server read as a document, though its name made the browser take it for an image", async () => {
    const revoke = vi.spyOn(URL, "revokeObjectURL");
    const page = new File(["<!doctype html>"], "evil.png", { type: "image/png" });
    const stored = { id: "f2", name: "evil.png", kind: "DOCUMENT", contentType: "text/plain", size: 15 } as const;
    const store = await addUploaded(page, page, stored);
    const [draft] = store.getSnapshot();
    expect(draft).toMatchObject({ isImage: false, previewUrl: null });
    expect(revoke).toHaveBeenCalledWith(expect.stringMatching(/^blob:/));
  });

  it("uploads and shows an image under the name of the type it was re-encoded to", async () => {
    const picked = new File([new Uint8Array(8)], "spacer.gif", { type: "image/gif" });
    const shrunk = new File([new Uint8Array(4)], "spacer.png", { type: "image/png" });
    const stored = { id: "f3", name: "spacer.png", kind: "IMAGE", contentType: "image/png", size: 4 } as const;
    const store = await addUploaded(picked, shrunk, stored);
    expect(vi.mocked(uploadFile).mock.calls[0]?.slice(0, 2)).toEqual([shrunk, "spacer.png"]);
    expect(store.getSnapshot()[0]).toMatchObject({
      name: "spacer.png",
      isImage: true,
      previewUrl: expect.stringMatching(/^blob:/),
    });
  });

  it("shows the server's copy of an image the browser did not know as one", async () => {
    const picked = new File([new Uint8Array(8)], "scan", { type: "" });
    const stored = { id: "f4", name: "scan", kind: "IMAGE", contentType: "image/png", size: 8 } as const;
    const store = await addUploaded(picked, picked, stored);
    expect(store.getSnapshot()[0]).toMatchObject({ isImage: true, previewUrl: "/api/attachments/f4" });
  });
});
