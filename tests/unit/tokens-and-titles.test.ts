import { describe, expect, it } from "vitest";
import { cleanTitle, titleFromMessage } from "@/lib/chat/titles";
import { countTokens, encodingForModel } from "@/lib/chat/tokens";

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
  });

  it("cuts at a word, and text without spaces at a whole character", () => {
    const title = titleFromMessage(`Supercalifragilistic ${"antidisestablishmentarianism ".repeat(4)}`);
    expect(title).toBe("Supercalifragilistic antidisestablishmentarianism antidisestablishmentarianism…");
    expect(titleFromMessage("😀".repeat(100))).toBe(`${"😀".repeat(79)}…`);
  });
});
