// The composer's files outside React: which failed uploads offer Retry, and a file left unsent past the server's sweep
// says so on its chip instead of the send being refused.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftFiles, fromAttachment } from "@/app/_components/attachments/draft-files";
import { isRetryableStatus } from "@/app/_components/attachments/upload-file";
import { UNCLAIMED_UPLOAD_LIFETIME_MS } from "@/lib/limits";

const rules = {
  filesPerMessage: 10,
  maxFileBytes: 1024,
  words: { tooMany: "Too many.", tooLarge: "Too large.", expired: "Gone.", describe: () => "Refused." },
};
const file = { id: "f1", name: "notes.txt", kind: "DOCUMENT", contentType: "text/plain", size: 4 } as const;

describe("isRetryableStatus", () => {
  it("offers another try when nothing answered or the server was busy or failing, not when it refused the file", () => {
    expect([0, 429, 500, 502, 503].map(isRetryableStatus)).toEqual([true, true, true, true, true]);
    expect([400, 401, 413, 415].map(isRetryableStatus)).toEqual([false, false, false, false]);
  });
});

describe("DraftFiles", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("marks an unsent upload as gone once the server's sweep may have removed it, and hands it to no message", () => {
    const uploadedAt = Date.now();
    const store = new DraftFiles([fromAttachment(file, uploadedAt)], rules);
    vi.advanceTimersByTime(UNCLAIMED_UPLOAD_LIFETIME_MS - 1);
    expect(store.getSnapshot()[0]?.status).toBe("ready");
    vi.advanceTimersByTime(1);
    expect(store.getSnapshot()[0]).toMatchObject({ status: "failed", error: "Gone.", attachment: null });
    expect(store.take()).toEqual([]);
  });

  it("marks a draft restored after its hour at once, and never a file of the message being edited", () => {
    const old = Date.now() - UNCLAIMED_UPLOAD_LIFETIME_MS - 1000;
    const store = new DraftFiles([fromAttachment(file, old), fromAttachment(file, null, true)], rules);
    vi.advanceTimersByTime(0);
    expect(store.getSnapshot().map((draft) => draft.status)).toEqual(["failed", "ready"]);
  });
});
