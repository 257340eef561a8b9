import { describe, expect, it } from "vitest";
import { cutAtWord, plainExcerpt, toPlainText } from "@/lib/conversations/plain-text";

describe("toPlainText", () => {
  it("drops emphasis, code marks, headings, quotes and list markers, and keeps a link's text", () => {
    expect(toPlainText("Hello! I am **Parley's built-in demo model**. Ask me _anything_.")).toBe(
      "Hello! I am Parley's built-in demo model. Ask me anything.",
    );
    expect(toPlainText("## Setup\n> Note: run `npm install` first\n- [x] done\n- step *two*\n1. three")).toBe(
      "Setup Note: run npm install first done step two three",
    );
    expect(toPlainText("See [the docs](https://example.com/docs) and ![a chart](chart.png), ~~old~~ new")).toBe(
      "See the docs and a chart, old new",
    );
  });

  it("keeps what only looks like a mark: snake_case names, a lone dollar amount", () => {
    expect(toPlainText("Set max_tokens to 5 for $5")).toBe("Set max_tokens to 5 for $5");
  });

  it("turns code fences, HTML tags and control characters into plain spaces", () => {
    expect(toPlainText("```ts\nconst x = 1;\n```\n<b>bold</b>\u202e\u0007end")).toBe("const x = 1; bold end");
  });
});

describe("cutAtWord", () => {
  it("cuts at the last space that fits, with an ellipsis", () => {
    expect(cutAtWord("one two three four", 12)).toBe("one two…");
    expect(cutAtWord("short", 12)).toBe("short");
  });

  it("cuts text without spaces at a character, never inside a surrogate pair", () => {
    expect(cutAtWord("这是一个很长的没有空格的中文句子", 8)).toBe("这是一个很长的…");
    expect(cutAtWord("😀".repeat(10), 5)).toBe("😀😀😀😀…");
  });
});

describe("plainExcerpt", () => {
  it("is the start of a message as one line of text", () => {
    const reply = "Hello! I am **Parley's built-in demo model**. I answer offline, with `canned` replies.";
    expect(plainExcerpt(reply, 100)).toBe(
      "Hello! I am Parley's built-in demo model. I answer offline, with canned replies.",
    );
    expect(plainExcerpt(reply, 40)).toBe("Hello! I am Parley's built-in demo…");
  });
});
