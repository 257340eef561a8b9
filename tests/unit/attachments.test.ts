// Attachments' pure parts: what a file is (from its bytes only), what an image costs, a PDF's text, and how a turn
// with files reads to the model.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { ReadingBudgetSpentError } from "@/lib/attachments/extract-off-thread";
import { extractDocumentText } from "@/lib/attachments/extract-text";
import { readImageSize } from "@/lib/attachments/image-size";
import { estimateImageTokens } from "@/lib/attachments/image-tokens";
import { DOCX_TYPE, sniffFile } from "@/lib/attachments/sniff";
import { buildTurnContent, getTurnText } from "@/lib/attachments/turn-content";
import { isVisionModelName } from "@/lib/attachments/vision-models";
import { makeDocx, makeInflatingPdf, makePdf, makePng, makeXObjectBombPdf, makeZip } from "../support/attachment-files";

/** Whose documents these are, to the reader: one user's are read one at a time. */
const reader = { userId: "unit-test-reader", maxAtOnce: 10 };

describe("type sniffing", () => {
  it("reads a PNG as an image whatever its name says (a PNG renamed .pdf)", () => {
    expect(sniffFile(makePng())).toEqual({ kind: "IMAGE", contentType: "image/png" });
  });

  it("never takes an HTML page renamed .png for an image: it is text, only ever served as text/plain", () => {
    const page = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
    expect(sniffFile(page)).toEqual({ kind: "DOCUMENT", contentType: "text/plain; charset=utf-8" });
  });

  it("treats an SVG with a script as text, never as an image", () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(sniffFile(svg)?.kind).toBe("DOCUMENT");
    expect(sniffFile(svg)?.contentType).toBe("text/plain; charset=utf-8");
  });

  it("knows JPEG, GIF, WebP and PDF by their signatures, and refuses binary data", () => {
    expect(sniffFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.contentType).toBe("image/jpeg");
    expect(sniffFile(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1"))?.contentType).toBe("image/gif");
    expect(sniffFile(Buffer.from("RIFF\x00\x00\x00\x00WEBPVP8 ", "latin1"))?.contentType).toBe("image/webp");
    expect(sniffFile(makePdf("Hello"))?.contentType).toBe("application/pdf");
    expect(sniffFile(Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe]))).toBeNull();
  });
});

describe("the image-token estimate", () => {
  it("reads the size from a PNG's header", () => {
    expect(readImageSize(makePng(300, 200), "image/png")).toEqual({ width: 300, height: 200 });
  });

  it("counts 512-pixel tiles after scaling to 2048 and a 768-pixel short side (85 + 170 per tile)", () => {
    expect(estimateImageTokens({ width: 512, height: 512 })).toBe(85 + 170);
    // 1024 × 1024 → 768 × 768: 2 × 2 tiles.
    expect(estimateImageTokens({ width: 1024, height: 1024 })).toBe(85 + 170 * 4);
    // 4096 × 2048 → 2048 × 1024 → 1536 × 768: 3 × 2 tiles.
    expect(estimateImageTokens({ width: 4096, height: 2048 })).toBe(85 + 170 * 6);
    expect(estimateImageTokens(null)).toBe(85 + 170 * 8);
  });
});

describe("PDF text", () => {
  it("extracts the text of a page, marked with its page number", async () => {
    const text = await extractDocumentText(makePdf("Quarterly revenue grew"), "application/pdf", "report.pdf", reader);
    expect(text).toContain("[Page 1]");
    expect(text).toContain("Quarterly revenue grew");
  });

  it("reads a large PDF without holding the event loop that streams everyone's replies", async () => {
    // About 1 MB: PDF.js took a quarter of a second over it on the calling thread.
    const pdf = makePdf(Array.from({ length: 100_000 }, (_, index) => `word${index}`).join(" "));
    const before = performance.eventLoopUtilization();
    const text = await extractDocumentText(pdf, "application/pdf", "large.pdf", reader);
    const busy = performance.eventLoopUtilization(before).utilization;
    expect(text).toContain("[Page 1]\nword0 word1");
    // Waiting for the worker is idle time; reading the file here would keep the loop busy nearly throughout.
    expect(busy).toBeLessThan(0.5);
  }, 30_000);

  it("says no text was found in a PDF without a text layer", async () => {
    await expect(extractDocumentText(makePdf(null), "application/pdf", "scan.pdf", reader)).rejects.toThrow(
      "No text found in scan.pdf",
    );
  });
});

describe("Word documents (DOCX)", () => {
  it("knows a DOCX from its bytes (a ZIP holding word/document.xml), whatever its name, and refuses other ZIPs", () => {
    expect(sniffFile(makeDocx(["Hello"]))).toEqual({ kind: "DOCUMENT", contentType: DOCX_TYPE });
    expect(sniffFile(makeZip({ "xl/workbook.xml": "<workbook/>" }))).toBeNull();
    expect(sniffFile(makeZip({ "word/document.xml.bak": "x" }))).toBeNull();
    // A ZIP signature with no directory behind it is not a document either.
    expect(sniffFile(Buffer.from("PK\u0003\u0004 not really a zip"))).toBeNull();
  });

  it("extracts the text, a paragraph per line, and says when there is none", async () => {
    const docx = makeDocx(["Quarterly report", "Revenue grew by 12 percent & costs fell"]);
    await expect(extractDocumentText(docx, DOCX_TYPE, "report.docx", reader)).resolves.toBe(
      "Quarterly report\n\nRevenue grew by 12 percent & costs fell",
    );
    await expect(extractDocumentText(makeDocx([]), DOCX_TYPE, "empty.docx", reader)).rejects.toThrow(
      "No text found in empty.docx",
    );
  });

  it("reads a DOCX whose parts are deflated, and refuses one that inflates past what a document holds, whatever sizes it declares (a ZIP bomb)", async () => {
    const deflated = makeDocx(["Deflated minutes"], { deflate: true });
    await expect(extractDocumentText(deflated, DOCX_TYPE, "minutes.docx", reader)).resolves.toBe("Deflated minutes");
    const bomb = makeDocx([" ".repeat(70 * 1024 * 1024)], { deflate: true, declaredSize: 1_000 });
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    await expect(extractDocumentText(bomb, DOCX_TYPE, "bomb.docx", reader)).rejects.toThrow(
      "bomb.docx is too large to read.",
    );
  }, 30_000);

  it("reads a PDF whose page inflates to megabytes, and refuses one that inflates past what the process may give a reader (a PDF bomb)", async () => {
    const roomy = await makeInflatingPdf("Roomy page", 20);
    await expect(extractDocumentText(roomy, "application/pdf", "roomy.pdf", reader)).resolves.toBe(
      "[Page 1]\nRoomy page",
    );
    const bomb = await makeInflatingPdf("Bomb page", 1_200);
    // Well within the 20 MB a file may have by default.
    expect(bomb.byteLength).toBeLessThan(8 * 1024 * 1024);
    await expect(extractDocumentText(bomb, "application/pdf", "bomb.pdf", reader)).rejects.toThrow(
      "bomb.pdf is too large to read.",
    );
  }, 60_000);

  it("refuses a DOCX whose directory hides an entry past the count it declares, or names a part twice", async () => {
    // The bomb comes after the three parts the end record counts, under a name it replaces when read (JSZip's way).
    const hiddenBomb = [["word/document.xml", " ".repeat(70 * 1024 * 1024)]] as [string, string][];
    const hiding = makeDocx(["Harmless"], { deflate: true, extraEntries: hiddenBomb, declaredCount: 3 });
    expect(sniffFile(hiding)).toBeNull();
    await expect(extractDocumentText(hiding, DOCX_TYPE, "hiding.docx", reader)).rejects.toThrow(
      "hiding.docx is too large to read.",
    );
    const twice = makeDocx(["Harmless"], { extraEntries: [["word/document.xml", "<w:document/>"]] });
    expect(sniffFile(twice)).toBeNull();
    // The same parts without the hidden one or the second name: a DOCX, read as usual.
    expect(sniffFile(makeDocx(["Harmless"], { deflate: true }))?.contentType).toBe(DOCX_TYPE);
  }, 30_000);
});

describe("a turn with files", () => {
  const document = { name: "data.csv", kind: "DOCUMENT" as const, contentType: "text/plain", text: "a,b\n1,2" };
  const image = { name: "shot.png", kind: "IMAGE" as const, contentType: "image/png", text: null, bytes: makePng() };

  it("puts documents after the message, each delimited under its name", () => {
    expect(getTurnText("Sum column b", [document])).toBe(
      "Sum column b\n\n<<< Attached file: data.csv >>>\na,b\n1,2\n<<< End of data.csv >>>",
    );
  });

  it("sends images as image_url parts only to a model that reads images", () => {
    const files = [{ ...document, bytes: new Uint8Array() }, image];
    const parts = buildTurnContent("What is wrong?", files, true);
    expect(Array.isArray(parts) && parts.map((part) => part.type)).toEqual(["text", "image_url"]);
    const text = buildTurnContent("What is wrong?", files, false);
    expect(typeof text).toBe("string");
    expect(text).toContain("[Image shot.png left out: this model cannot read images]");
  });

  it("guesses vision models from their names", () => {
    for (const name of [
      "gpt-4o-mini",
      "gpt-4.1",
      "o3",
      "claude-3-5-sonnet",
      "gemini-2.0-flash",
      "llava:13b",
      "qwen2.5-vl",
    ]) {
      expect(isVisionModelName(name), name).toBe(true);
    }
    for (const name of ["gpt-3.5-turbo", "llama3:8b", "mistral-7b", "deepseek-r1"]) {
      expect(isVisionModelName(name), name).toBe(false);
    }
  });
});

describe("what reading a document may take (extract-off-thread.ts)", () => {
  it("refuses a PDF or DOCX whose text passes 32 characters per byte of the file, a PDF as soon as it does", async () => {
    // 1.9 KB drawing a thousand letters 3,800 times: 290,000 characters (150 per byte) were stored before.
    const pdf = makeXObjectBombPdf(3_800, 1_000);
    expect(pdf.byteLength).toBeLessThan(2_000);
    await expect(extractDocumentText(pdf, "application/pdf", "many.pdf", reader)).rejects.toThrow(
      "many.pdf is too large to read.",
    );
    // One sentence 12,000 times: 4.7 KB holding 750,000 characters (158 per byte).
    const docx = makeDocx(Array(12_000).fill("The same sentence, again and again and again, on every line."), {
      deflate: true,
    });
    await expect(extractDocumentText(docx, DOCX_TYPE, "same.docx", reader)).rejects.toThrow(
      "same.docx is too large to read.",
    );
    // Text within the bound reads as usual, however repetitive (18 characters per byte).
    const repeated = makeDocx(Array(300).fill("The same sentence, again and again and again, on every line."), {
      deflate: true,
    });
    await expect(extractDocumentText(repeated, DOCX_TYPE, "notes.docx", reader)).resolves.toContain("again");
  }, 30_000);

  it("gives a small file a few seconds of reading, not a minute", async () => {
    // 3.9 KB that PDF.js reads for 18 s (a letter drawn 300,000 times): given up after 5 s, well within this test.
    const slow = makeXObjectBombPdf(300_000, 1);
    expect(slow.byteLength).toBeLessThan(5_000);
    await expect(extractDocumentText(slow, "application/pdf", "slow.pdf", reader)).rejects.toThrow(
      "slow.pdf is too large to read.",
    );
  }, 20_000);

  it("refuses at once a user's document past as many as may be read or wait at once", async () => {
    const busy = { userId: "busy-reader", maxAtOnce: 1 };
    const first = extractDocumentText(makePdf("First"), "application/pdf", "first.pdf", busy);
    await expect(extractDocumentText(makePdf("Second"), "application/pdf", "second.pdf", busy)).rejects.toMatchObject({
      code: "too_many_documents",
      status: 429,
    });
    await expect(first).resolves.toContain("First");
    // Another user's document is not counted with them.
    await expect(
      extractDocumentText(makePdf("Other"), "application/pdf", "other.pdf", { ...busy, userId: "other-reader" }),
    ).resolves.toContain("Other");
  }, 30_000);

  it("cuts a reading at an import's time left, and reads nothing more once it is spent", async () => {
    const importing = { ...reader, budget: { remainingMs: 1_000 } };
    await expect(
      extractDocumentText(makeXObjectBombPdf(300_000, 1), "application/pdf", "slow.pdf", importing),
    ).rejects.toBeInstanceOf(ReadingBudgetSpentError);
    expect(importing.budget.remainingMs).toBeLessThanOrEqual(0);
    await expect(extractDocumentText(makePdf("Fine"), "application/pdf", "fine.pdf", importing)).rejects.toBeInstanceOf(
      ReadingBudgetSpentError,
    );
  }, 20_000);
});
