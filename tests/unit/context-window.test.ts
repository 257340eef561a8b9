import { describe, expect, it } from "vitest";
import {
  assembleContextWindow,
  MESSAGE_FRAMING_TOKENS as FRAMING,
  REPLY_PRIMING_TOKENS as PRIMING,
  type WindowCandidate,
  type WindowRequest,
} from "@/lib/chat/context-window";
import { AppError } from "@/lib/errors";

function message(id: string, tokens: number, role: WindowCandidate["role"] = "USER", content = id): WindowCandidate {
  return { id, role, content, tokens };
}

function request(overrides: Partial<WindowRequest>): WindowRequest {
  return {
    systemPrompt: null,
    thread: [],
    olderUnread: { count: 0, tokens: 0 },
    contextWindow: 1_000,
    maxOutputTokens: 200,
    encoding: "o200k_base",
    ...overrides,
  };
}

describe("assembleContextWindow", () => {
  it("sends everything that fits, oldest first after the system prompt", () => {
    const thread = [message("u1", 10), message("a1", 20, "ASSISTANT"), message("u2", 30)];
    const { messages, manifest } = assembleContextWindow(
      request({ systemPrompt: { content: "Be brief.", tokens: 5 }, thread }),
    );
    expect(messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "u1" },
      { role: "assistant", content: "a1" },
      { role: "user", content: "u2" },
    ]);
    expect(manifest).toMatchObject({
      budget: 1_000 - 200 - PRIMING,
      sentMessageIds: ["u1", "a1", "u2"],
      sentTokens: 5 + 10 + 20 + 30 + 4 * FRAMING,
      droppedMessages: 0,
      droppedTokens: 0,
    });
  });

  it("includes a message that fits exactly and drops the next older one whole", () => {
    const budget = 1_000 - 200 - PRIMING;
    const newest = message("u2", 100);
    const exact = message("a1", budget - 100 - 2 * FRAMING, "ASSISTANT");
    const { manifest } = assembleContextWindow(request({ thread: [message("u1", 1), exact, newest] }));
    expect(manifest.sentMessageIds).toEqual(["a1", "u2"]);
    expect(manifest.sentTokens).toBe(budget);
    expect(manifest).toMatchObject({ droppedMessages: 1, droppedTokens: 1 });
  });

  it("stops at the first message that does not fit, even if an older one would", () => {
    const thread = [message("tiny", 1), message("huge", 5_000, "ASSISTANT"), message("newest", 10)];
    const { manifest } = assembleContextWindow(request({ thread }));
    expect(manifest.sentMessageIds).toEqual(["newest"]);
    expect(manifest).toMatchObject({ droppedMessages: 2, droppedTokens: 5_001 });
  });

  it("counts the messages it never read among the dropped", () => {
    const thread = [message("a9", 750, "ASSISTANT"), message("u10", 50)];
    const { manifest } = assembleContextWindow(request({ thread, olderUnread: { count: 8, tokens: 4_000 } }));
    expect(manifest).toMatchObject({ sentMessages: 1, droppedMessages: 9, droppedTokens: 4_750 });
  });

  it("answers an empty history with just the newest message", () => {
    const { messages } = assembleContextWindow(request({ thread: [message("hello", 2)] }));
    expect(messages).toEqual([{ role: "user", content: "hello" }]);
  });

  it("leaves out failed replies with no text, without counting them as dropped", () => {
    const thread = [message("u1", 5), message("failed", 0, "ASSISTANT", ""), message("u2", 5)];
    const { messages, manifest } = assembleContextWindow(request({ thread }));
    expect(messages.map((each) => each.content)).toEqual(["u1", "u2"]);
    expect(manifest.droppedMessages).toBe(0);
  });

  it("fails with context_overflow and the counts when the newest message alone does not fit", () => {
    const failure = (() => {
      try {
        assembleContextWindow(request({ thread: [message("u1", 10), message("long", 900)] }));
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({
      code: "context_overflow",
      details: { messageTokens: 900, systemTokens: 0, requiredTokens: 904, budget: 797 },
    });
  });

  it("fails when the system prompt alone is too big", () => {
    const systemPrompt = { content: "rules", tokens: 2_000 };
    expect(() => assembleContextWindow(request({ systemPrompt, thread: [message("hi", 1)] }))).toThrow(/too long/);
  });
});
