import { describe, expect, it } from "vitest";
import { cleanTitle, titleFromMessage } from "@/lib/chat/titles";
import { countTokens, encodingForModel, splitLongRuns } from "@/lib/chat/tokens";

describe("tokens", () => {
  it("picks the encoding from the model name, o200k_base unless it is an older OpenAI model", () => {
    expect(encodingForModel("gpt-4o-mini")).toBe("o200k_base");
    expect(encodingForModel("gpt-4.1")).toBe("o200k_base");
    expect(encodingForModel("gpt-4-turbo")).toBe("cl100k_base");
    expect(encodingForModel("gpt-3.5-turbo")).toBe("cl100k_base");
    expect(encodingForModel("llama3.2")).toBe("o200k_base");
  });

  it("counts real tokens and treats special-token look-alikes as plain text", () => {
    expect(countTokens("", "o200k_base")).toBe(0);
    expect(countTokens("Hello world, this is a test.", "o200k_base")).toBe(8);
    expect(countTokens("<|endoftext|> hi", "cl100k_base")).toBeGreaterThan(2);
  });

  it("counts letter runs longer than 64 in parts of 64 (the tokenizer's time grows with a run's square)", () => {
    const text = `Intro, ${"中".repeat(150)} then ${"a".repeat(64)} and b${"𠀀".repeat(100)} end.`;
    const parts = splitLongRuns(text);
    expect(parts.join("")).toBe(text);
    const longestRun = (part: string) =>
      Math.max(0, ...[...part.matchAll(/\p{L}+/gu)].map((run) => [...run[0]].length));
    // 150 CJK letters in three parts, the 64 a's whole, "b" and 100 characters outside the BMP in four.
    expect(parts).toHaveLength(6);
    expect(parts.every((part) => longestRun(part) <= 64)).toBe(true);
    // Cut between whole characters only: no part starts with the second half of one.
    expect(parts.every((part) => !/^[\udc00-\udfff]/.test(part))).toBe(true);
    // Runs of punctuation and of white space have no bound in the tokenizer either.
    for (const run of ["-".repeat(200), "\n".repeat(200), " ".repeat(200), "=+".repeat(100)]) {
      const cut = splitLongRuns(`Before ${run} after`);
      expect(cut.join("")).toBe(`Before ${run} after`);
      expect(cut.length).toBeGreaterThan(3);
      expect(cut.every((part) => !/[^\s\p{L}\p{N}]{65}|\s{65}/u.test(part))).toBe(true);
    }
    // Text without such runs is counted whole, exactly; a long run is an estimate close to its exact count.
    expect(splitLongRuns("Hello world, this is a test.")).toEqual(["Hello world, this is a test."]);
    expect(countTokens("a".repeat(2_000), "o200k_base")).toBe(250);
  });
});

describe("cleanTitle", () => {
  it("keeps the first line without quotes, markup or a trailing full stop", () => {
    expect(cleanTitle('"Planning a Trip to Lisbon."\nExtra')).toBe("Planning a Trip to Lisbon");
    expect(cleanTitle("Title: **Rust lifetimes**")).toBe("Rust lifetimes");
    expect(cleanTitle("   ")).toBeNull();
    expect(cleanTitle("<think>\nThe user asks about trips.\n</think>\n\nLisbon in Spring")).toBe("Lisbon in Spring");
    expect(cleanTitle("<think>Still weighing Lisbon against")).toBeNull();
    expect(cleanTitle("x".repeat(200))?.length).toBe(80);
  });

  it("strips Markdown and control characters, and cuts a long title at a word", () => {
    expect(cleanTitle("# Markdown test ```js")).toBe("Markdown test");
    expect(cleanTitle("**Rust** `lifetimes` and [borrowing](https://example.com)\u0007\u202e")).toBe(
      "Rust lifetimes and borrowing",
    );
    const raw = `${"planning ".repeat(8)}a surprisingly long weekend trip to Lisbon`;
    const title = cleanTitle(raw) ?? "";
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith("…")).toBe(true);
    // Whole words only: the text before the ellipsis is followed by a space in the original.
    const kept = title.slice(0, -1);
    expect(raw.startsWith(`${kept} `)).toBe(true);
  });
});

describe("titleFromMessage", () => {
  it("takes the first words of the message as plain text", () => {
    expect(titleFromMessage("# Markdown test\n```js\nconsole.log(1)\n```")).toBe("Markdown test console.log(1)");
    expect(titleFromMessage("> quoted\n- **bold** item\tand\u0000more $x^2$ for $5")).toBe(
      "quoted bold item and more x^2 for $5",
    );
    expect(titleFromMessage("  What   is Parley?  ")).toBe("What is Parley?");
    expect(titleFromMessage("A claim[^1] and another[^note].\n\n[^1]: The source")).toBe(
      "A claim and another. The source",
    );
  });

  it("cuts at a word, and text without spaces at a whole character", () => {
    const title = titleFromMessage(`Supercalifragilistic ${"antidisestablishmentarianism ".repeat(4)}`);
    expect(title).toBe("Supercalifragilistic antidisestablishmentarianism antidisestablishmentarianism…");
    expect(titleFromMessage("😀".repeat(100))).toBe(`${"😀".repeat(79)}…`);
  });
});
