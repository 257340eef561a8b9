// The composer's check of a message's total size, before sending: the files that no longer fit are the ones refused.
import { describe, expect, it } from "vitest";
import { findBlockingDraft, findDraftsOverTotal } from "@/app/_components/attachments/draft-limits";
import type { AttachmentDraft } from "@/app/_components/attachments/use-attachment-drafts";

const draft = (key: string, size: number, status: AttachmentDraft["status"] = "ready"): AttachmentDraft => ({
  key,
  name: `${key}.txt`,
  size,
  isImage: false,
  previewUrl: null,
  status,
  progress: status === "ready" ? 1 : 0,
  error: null,
  isRetryable: false,
  attachment: null,
  uploadedAt: null,
  isSent: false,
});

describe("findDraftsOverTotal", () => {
  it("keeps the files that fit in the order attached and refuses each one past the total", () => {
    const drafts = [draft("a", 30), draft("b", 50), draft("c", 20), draft("d", 15)];
    expect([...findDraftsOverTotal(drafts, 60)]).toEqual(["b", "d"]);
  });

  it("counts only uploaded files: sizes of uploads in progress or refused are not known or do not count", () => {
    const drafts = [draft("a", 50), draft("b", 500, "uploading"), draft("c", 500, "failed"), draft("d", 10)];
    expect(findDraftsOverTotal(drafts, 60).size).toBe(0);
    expect([...findDraftsOverTotal(drafts, 59)]).toEqual(["d"]);
  });
});

describe("findBlockingDraft", () => {
  const none = { refusesImages: false, overTotal: new Set<string>() };

  it("stops the message at a file that failed, rather than sending it without that file", () => {
    const drafts = [draft("a", 10), draft("b", 10, "failed"), draft("c", 10, "uploading")];
    expect(findBlockingDraft(drafts, none)?.key).toBe("b");
    expect(findBlockingDraft([draft("a", 10), draft("c", 10, "uploading")], none)).toBeNull();
  });

  it("stops it at an image for a model that reads none, and at a file past the message's total", () => {
    const image = { ...draft("photo", 10), isImage: true };
    expect(findBlockingDraft([draft("a", 10), image], { ...none, refusesImages: true })?.key).toBe("photo");
    expect(findBlockingDraft([draft("a", 10), image], none)).toBeNull();
    expect(findBlockingDraft([draft("a", 10), draft("b", 10)], { ...none, overTotal: new Set(["b"]) })?.key).toBe("b");
  });
});
