import { describe, expect, it } from "vitest";
import { splitMarkdownBlocks } from "@/app/_components/markdown/markdown-blocks";

function expectRoundTrip(source: string): string[] {
  const blocks = splitMarkdownBlocks(source);
  expect(blocks.join("\n")).toBe(source);
  return blocks;
}

describe("splitting Markdown into blocks", () => {
  it("splits paragraphs, headings and lists at blank lines", () => {
    const blocks = expectRoundTrip("# Title\n\nFirst paragraph\nstill first\n\n- one\n- two\n\nLast");
    expect(blocks).toEqual(["# Title\n", "First paragraph\nstill first\n", "- one\n- two\n", "Last"]);
  });

  it("keeps a fenced code block whole, blank lines and all, closed or still streaming", () => {
    const closed = expectRoundTrip("Intro\n\n```ts\nconst a = 1;\n\nconst b = 2;\n```\n\nAfter");
    expect(closed).toEqual(["Intro\n", "```ts\nconst a = 1;\n\nconst b = 2;\n```\n", "After"]);
    const open = expectRoundTrip("Intro\n\n~~~~\ncode\n\n```\nstill code");
    expect(open).toEqual(["Intro\n", "~~~~\ncode\n\n```\nstill code"]);
  });

  it("keeps display math whole and treats one-line math as a block of its own", () => {
    const blocks = expectRoundTrip("$$\na = b\n\nc = d\n$$\n\n$$x^2$$\n\ntext");
    expect(blocks).toEqual(["$$\na = b\n\nc = d\n$$\n", "$$x^2$$\n", "text"]);
  });

  it("keeps an indented continuation with the list item above it", () => {
    const blocks = expectRoundTrip("1. first\n\n   more of the first\n2. second\n\nAfter");
    expect(blocks).toEqual(["1. first\n\n   more of the first\n2. second\n", "After"]);
  });

  it("keeps text with reference definitions or footnotes in one block so that they resolve", () => {
    const source = "See [the docs][docs] and a note[^1].\n\n[docs]: https://example.com\n\n[^1]: The note.";
    expect(splitMarkdownBlocks(source)).toEqual([source]);
  });

  it("gives an empty text one empty block", () => {
    expect(expectRoundTrip("")).toEqual([""]);
  });
});
