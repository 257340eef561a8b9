// A leading <think>…</think> in the answer's text is the model's thinking, however the stream splits it.
import { describe, expect, it } from "vitest";
import { createThinkTagSplitter } from "@/lib/chat/think-tags";

function split(chunks: string[]) {
  const parts = { reasoning: "", answer: "" };
  const splitter = createThinkTagSplitter({
    onReasoning: (text) => {
      parts.reasoning += text;
    },
    onAnswer: (text) => {
      parts.answer += text;
    },
  });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return parts;
}

/** Every way of cutting `text` in two and in three pieces (empty pieces included). */
function everySplit(text: string): string[][] {
  const splits: string[][] = [];
  for (let first = 0; first <= text.length; first++) {
    splits.push([text.slice(0, first), text.slice(first)]);
    for (let second = first; second <= text.length; second++) {
      splits.push([text.slice(0, first), text.slice(first, second), text.slice(second)]);
    }
  }
  return splits;
}

describe("the <think> splitter", () => {
  it("separates the thinking from the answer at every split point", () => {
    const text = "<think>\nThe user says hi.</think>\n\nHello!";
    for (const chunks of everySplit(text)) {
      expect(split(chunks), JSON.stringify(chunks)).toEqual({ reasoning: "\nThe user says hi.", answer: "Hello!" });
    }
  });

  it("leaves an answer without a leading tag whole, at every split point", () => {
    for (const text of ["Plain <think>not thinking</think> here", "<thinking> is a word", "<thi", "  indented"]) {
      for (const chunks of everySplit(text)) expect(split(chunks)).toEqual({ reasoning: "", answer: text });
    }
  });

  it("keeps a thought cut off before its closing tag as thinking, a partial tag included", () => {
    expect(split(["<think>Still thinking </thi"])).toEqual({ reasoning: "Still thinking </thi", answer: "" });
  });

  it("accepts leading blank space before the tag and an empty thought", () => {
    expect(split(["\n <think>", "</think>", "Answer"])).toEqual({ reasoning: "", answer: "Answer" });
  });

  it("passes a later <think> in the answer through as text", () => {
    expect(split(["<think>a</think>b ", "<think>c</think>"])).toEqual({ reasoning: "a", answer: "b <think>c</think>" });
  });
});
