import { describe, expect, it } from "vitest";
import { toExportFileName } from "@/lib/conversations/export-file-name";

describe("an exported conversation's file name", () => {
  it("joins the title's words with dashes", () => {
    expect(toExportFileName("Plans for the garden shed!", "md")).toBe("Plans-for-the-garden-shed.md");
  });

  it("ends in no dash when the cut at 60 characters falls between two words", () => {
    const title = Array.from({ length: 60 }, (_, index) => `word${index}`).join(" ");
    const fileName = toExportFileName(title, "md");
    expect(fileName).toBe("word0-word1-word2-word3-word4-word5-word6-word7-word8-word9.md");
  });

  it("takes accents off their letters and never cuts a character written as two UTF-16 units in half", () => {
    expect(toExportFileName("Résumé café", "md")).toBe("Resume-cafe.md");
    const fileName = toExportFileName(`${"a".repeat(59)}𠀀𠀀`, "md");
    expect(fileName).toBe(`${"a".repeat(59)}𠀀.md`);
    expect(() => encodeURIComponent(fileName)).not.toThrow();
  });

  it("starts with no dash and falls back to a name when the title has no letters or digits", () => {
    expect(toExportFileName("  …notes", "json")).toBe("notes.json");
    expect(toExportFileName("?!", "json")).toBe("conversation.json");
  });
});
