// A conversation moved to a model of another token encoding has its messages counted again for the window; a
// message with files keeps its files' share of the stored count, or the window would take it for its text alone.
import { describe, expect, it } from "vitest";
import { prepareRequestFromThread } from "@/lib/chat/prepare-request";
import type { WindowCandidate } from "@/lib/db/messages";
import type { CompletionModel } from "@/lib/db/models";

// gpt-4 counts in cl100k_base; the thread was counted in o200k_base, for another model.
const model = {
  id: "model",
  version: 1,
  upstreamName: "gpt-4",
  contextWindow: 2048,
  systemPrompt: null,
  readsImages: false,
} as unknown as CompletionModel;
const parameters = { temperature: 1, topP: 1, maxTokens: 1024, reasoningEffort: null };

function row(fields: Partial<WindowCandidate> & Pick<WindowCandidate, "id" | "role" | "content" | "depth">) {
  return { tokenCount: 3, tokenEncoding: "o200k_base", threadTokens: 0, hasFiles: false, ...fields };
}

describe("a thread counted in another encoding", () => {
  it("keeps a message's files in its count: a 4,000-token document does not fit a 1,024-token window", () => {
    const thread: WindowCandidate[] = [
      row({ id: "notes", role: "USER", content: "Keep these", depth: 0, tokenCount: 4000, hasFiles: true }),
      row({ id: "seen", role: "ASSISTANT", content: "Seen.", depth: 1 }),
      row({ id: "ask", role: "USER", content: "What did I keep?", depth: 2 }),
    ];
    const input = { model, parameters, conversationSystemPrompt: null, customInstructions: null, userMessageId: "ask" };
    const request = prepareRequestFromThread({ ...input, thread });
    // Counted as its text alone, the message would be sent, files and all (and the request would be read from the
    // database: null here).
    expect(request?.manifest.sentMessageIds).toEqual(["seen", "ask"]);
  });

  it("counts a message without files by its text again", () => {
    const thread: WindowCandidate[] = [
      row({ id: "long", role: "USER", content: "Keep these", depth: 0, tokenCount: 4000 }),
      row({ id: "seen", role: "ASSISTANT", content: "Seen.", depth: 1 }),
      row({ id: "ask", role: "USER", content: "What did I keep?", depth: 2 }),
    ];
    const input = { model, parameters, conversationSystemPrompt: null, customInstructions: null, userMessageId: "ask" };
    expect(prepareRequestFromThread({ ...input, thread })?.manifest.sentMessageIds).toEqual(["long", "seen", "ask"]);
  });
});
