// The streamed /v1 chat completion's events are written from text encoded once per stream: each must be exactly
// what JSON.stringify makes of OpenAI's chunk object, with and without include_usage.
import { describe, expect, it } from "vitest";
import { createChunkFrames } from "@/lib/v1/completion-frames";

const stream = { id: "chatcmpl-abc", created: 1_765_000_000, model: 'a "quoted" model' };
const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

function chunk(delta: object, finishReason: string | null, includeUsage: boolean) {
  return {
    id: stream.id,
    object: "chat.completion.chunk",
    created: stream.created,
    model: stream.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

describe("the frames of a streamed completion", () => {
  for (const includeUsage of [false, true]) {
    it(`are OpenAI's chunks byte for byte (include_usage ${includeUsage})`, () => {
      const frames = createChunkFrames({ ...stream, includeUsage });
      expect(frames.role()).toBe(event(chunk({ role: "assistant", content: "" }, null, includeUsage)));
      for (const text of ["Hello", ' "quoted"\n', "\u2028 ✓ 😀", "</script>"]) {
        expect(frames.delta(text)).toBe(event(chunk({ content: text }, null, includeUsage)));
      }
      expect(frames.finish("length")).toBe(event(chunk({}, "length", includeUsage)));
    });
  }

  it("ends with the usage chunk, and [DONE]", () => {
    const frames = createChunkFrames({ ...stream, includeUsage: true });
    const usage = { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 };
    const { id, created, model } = stream;
    expect(frames.usage(usage)).toBe(
      event({ id, object: "chat.completion.chunk", created, model, choices: [], usage }),
    );
    expect(frames.data({ error: { message: "m" } })).toBe(event({ error: { message: "m" } }));
    expect(frames.done).toBe("data: [DONE]\n\n");
  });
});
