import { describe, expect, it } from "vitest";
import { buildContextMessages } from "@/lib/chat/context";
import type { MessageView } from "@/lib/db/messages";

function message(role: MessageView["role"], content: string, status: MessageView["status"] = "COMPLETE"): MessageView {
  return { id: `${role}-${content}`, role, content, status, parentId: null, createdAt: new Date(0) };
}

describe("buildContextMessages", () => {
  it("puts the system prompt first and maps roles to the Chat Completions names", () => {
    const thread = [message("USER", "Hi"), message("ASSISTANT", "Hello"), message("USER", "Bye")];
    expect(buildContextMessages("Be brief.", thread)).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Bye" },
    ]);
  });

  it("leaves out a failed reply that produced no text, and sends no system message when there is no prompt", () => {
    const thread = [message("USER", "Hi"), message("ASSISTANT", "", "ERROR"), message("USER", "Again")];
    expect(buildContextMessages(null, thread)).toEqual([
      { role: "user", content: "Hi" },
      { role: "user", content: "Again" },
    ]);
  });

  it("keeps the partial text of an interrupted reply", () => {
    const thread = [message("USER", "Hi"), message("ASSISTANT", "Partial", "INTERRUPTED"), message("USER", "Go on")];
    expect(buildContextMessages(null, thread)[1]).toEqual({ role: "assistant", content: "Partial" });
  });
});
