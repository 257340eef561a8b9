// Servers that run open reasoning models without a reasoning parser (DeepSeek-R1, Qwen3 on a plain llama.cpp or
// vLLM) put the model's thinking at the start of the answer, between <think> and </think>. This splits it off as the
// text streams: a chunk may end anywhere, inside a tag included, so the part that could still be a tag waits for the
// next chunk. Plain callbacks and no work once the thinking is over: it runs once per delta.

const OPEN_TAG = "<think>";
const CLOSE_TAG = "</think>";

export type ThinkTagHandlers = { onReasoning: (text: string) => void; onAnswer: (text: string) => void };

type State = "opening" | "thinking" | "answerStart" | "answering";

/** How many characters at the end of `text` could begin `tag` (to be held back until the next chunk). */
function partialTagLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

export function createThinkTagSplitter(handlers: ThinkTagHandlers) {
  let state: State = "opening";
  let pending = "";

  const answer = (text: string) => {
    if (state === "answerStart") {
      // The blank lines after </think> belong to neither part.
      const trimmed = text.trimStart();
      if (trimmed === "") return;
      state = "answering";
      handlers.onAnswer(trimmed);
      return;
    }
    if (text) handlers.onAnswer(text);
  };

  const think = (text: string) => {
    const closeAt = text.indexOf(CLOSE_TAG);
    if (closeAt >= 0) {
      pending = "";
      if (closeAt > 0) handlers.onReasoning(text.slice(0, closeAt));
      state = "answerStart";
      answer(text.slice(closeAt + CLOSE_TAG.length));
      return;
    }
    const held = partialTagLength(text, CLOSE_TAG);
    pending = text.slice(text.length - held);
    if (text.length > held) handlers.onReasoning(text.slice(0, text.length - held));
  };

  const open = (text: string) => {
    const start = text.trimStart();
    if (start.startsWith(OPEN_TAG)) {
      state = "thinking";
      pending = "";
      think(start.slice(OPEN_TAG.length));
    } else if (OPEN_TAG.startsWith(start)) {
      pending = text;
    } else {
      state = "answering";
      pending = "";
      handlers.onAnswer(text);
    }
  };

  return {
    push(text: string): void {
      if (state === "answering") handlers.onAnswer(text);
      else if (state === "answerStart") answer(text);
      else if (state === "thinking") think(pending + text);
      else open(pending + text);
    },
    /** The stream ended: what was held back is given to the part it was in. */
    end(): void {
      if (!pending) return;
      if (state === "thinking") handlers.onReasoning(pending);
      else if (state === "opening") handlers.onAnswer(pending);
      pending = "";
    },
  };
}
