// A composer's draft mirrored to the tab's storage: nothing is written again once it has been cleared (signed out).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftFiles } from "@/app/_components/attachments/draft-files";
import { ComposerDraft } from "@/app/_components/chat/composer-drafts";

const rules = {
  filesPerMessage: 10,
  maxFileBytes: 1024,
  words: { tooMany: "Too many.", tooLarge: "Too large.", expired: "Gone.", describe: () => "Refused." },
};

function fakeStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: vi.fn((key: string, value: string) => void items.set(key, value)),
    removeItem: vi.fn((key: string) => void items.delete(key)),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

let storage: ReturnType<typeof fakeStorage>;

beforeEach(() => {
  storage = fakeStorage();
  vi.stubGlobal("window", { sessionStorage: storage });
});
afterEach(() => vi.unstubAllGlobals());

const file = { id: "f1", name: "notes.txt", kind: "DOCUMENT", contentType: "text/plain", size: 4 } as const;

function newDraft(): ComposerDraft {
  return new ComposerDraft(
    "c1",
    { text: "", systemPrompt: "", isSendAsked: false, isLeftWaiting: false },
    new DraftFiles([], rules),
  );
}

describe("ComposerDraft", () => {
  it("keeps each change in the tab's storage", () => {
    newDraft().update({ text: "Half a thought" });
    expect(storage.setItem).toHaveBeenCalledTimes(1);
    expect(storage.getItem("parley.draft:c1")).toContain("Half a thought");
  });

  it("writes again only when what is stored changed, not on each event of its files (an upload's progress)", () => {
    const draft = newDraft();
    draft.update({ text: "Half a thought" });
    draft.files.remove("no-such-file");
    draft.update({ isSendAsked: false });
    expect(storage.setItem).toHaveBeenCalledTimes(1);
  });

  it("stores nothing once cleared: a keystroke or a refused message put back after signing out is not kept", () => {
    const draft = newDraft();
    draft.dispose();
    draft.update({ text: "typed on the way out" });
    draft.putBack({ content: "refused after sign-out", attachments: [] });
    expect(storage.setItem).not.toHaveBeenCalled();
    expect(storage.length).toBe(0);
  });

  it("puts a refused message back once, however often a composer showing it mounts", () => {
    const draft = newDraft();
    const refused = { content: "Too long for the model", attachments: [file] };
    draft.putBackOnce(refused);
    draft.putBackOnce(refused);
    expect(draft.getSnapshot().text).toBe("Too long for the model");
    expect(draft.files.getSnapshot().map((chip) => chip.attachment?.id)).toEqual(["f1"]);
  });
});
