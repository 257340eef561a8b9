// The streamed thread's state, one action at a time, as the hook dispatches them while a reply streams.
import { describe, expect, it } from "vitest";
import type { ChatMessage, StartEvent } from "@/app/_components/api/types";
import { createOptimisticMessage, createPlaceholderReply } from "@/app/_components/chat/chat-messages";
import {
  initialThreadState,
  type ThreadAction,
  type ThreadState,
  threadReducer,
} from "@/app/_components/chat/live/thread-reducer";
import { chatMessage } from "../support/chat-message";

function message(id: string, role: ChatMessage["role"], parentId: string | null, fields: Partial<ChatMessage> = {}) {
  return chatMessage({ id, role, parentId, content: `${id} text`, ...fields });
}

function start(userId: string, replyId: string, parentId: string | null, content = "Hello"): StartEvent {
  return {
    conversationId: "c1",
    userMessage: message(userId, "USER", parentId, { content }),
    assistantMessage: message(replyId, "ASSISTANT", userId, { content: "", status: "STREAMING" }),
  };
}

const run = (state: ThreadState, ...actions: ThreadAction[]) => actions.reduce(threadReducer, state);
const summary = (state: ThreadState) => state.messages.map((each) => `${each.id}:${each.status}:${each.content}`);

// A thread of one exchange, and a message sent below it (shown at once, before the server has it).
const earlier = [message("u1", "USER", null), message("a1", "ASSISTANT", "u1")];
const sent = createOptimisticMessage("Hello", "key-1", "a1");
const requested: ThreadAction = {
  type: "requested",
  placeholders: { userId: sent.id, replyId: null },
  show: { kind: "append", message: sent },
};

describe("the thread reducer", () => {
  it("start: shows the message at once, then replaces it with the server's messages and an empty reply", () => {
    const shown = run(initialThreadState(earlier), requested);
    expect(shown.activity).toBe("streaming");
    expect(summary(shown).at(-1)).toBe(`${sent.id}:COMPLETE:Hello`);
    const started = run(shown, { type: "accepted" }, { type: "started", start: start("u2", "a2", "a1") });
    expect(summary(started)).toEqual([
      "u1:COMPLETE:u1 text",
      "a1:COMPLETE:a1 text",
      "u2:COMPLETE:Hello",
      "a2:STREAMING:",
    ]);
  });

  it("delta and done: the reply grows by each delta and ends with the server's status; release ends the stream", () => {
    const state = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "delta", replyId: "a2", text: "Hi " },
      { type: "delta", replyId: "a2", text: "there" },
      { type: "ended", replyId: "a2", status: "COMPLETE" },
    );
    expect(summary(state).at(-1)).toBe("a2:COMPLETE:Hi there");
    expect(state.activity).toBe("streaming");
    expect(run(state, { type: "released" }).activity).toBe("idle");
  });

  it("reasoning: the thinking is kept apart from the answer's text", () => {
    const state = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "reasoning", replyId: "a2", text: "Let me " },
      { type: "reasoning", replyId: "a2", text: "think." },
      { type: "delta", replyId: "a2", text: "Hi" },
      { type: "ended", replyId: "a2", status: "COMPLETE" },
    );
    expect(state.messages.at(-1)).toMatchObject({ content: "Hi", reasoning: "Let me think.", status: "COMPLETE" });
    expect(state.messages.at(-2)?.reasoning).toBeNull();
  });

  it("error: a failed reply keeps its text and shows why; a failure before start goes to the alert", () => {
    const failed = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "delta", replyId: "a2", text: "Par" },
      { type: "ended", replyId: "a2", status: "ERROR", errorMessage: "The reply failed." },
    );
    expect(failed.messages.at(-1)).toMatchObject({
      content: "Par",
      status: "ERROR",
      errorMessage: "The reply failed.",
    });
    const early = run(initialThreadState(earlier), requested, { type: "accepted" }, { type: "failed", error: "Lost." });
    expect(early.error).toBe("Lost.");
  });

  it("a lost connection: the reply keeps the page's own code and sentence, also once the saved thread is fetched", () => {
    const lost = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "delta", replyId: "a2", text: "Par" },
      { type: "ended", replyId: "a2", status: "ERROR", errorCode: "connection_lost", errorMessage: "连接已中断。" },
      { type: "released" },
      {
        type: "thread-loaded",
        messages: [...earlier, message("u2", "USER", "a1"), message("a2", "ASSISTANT", "u2", { status: "STREAMING" })],
      },
    );
    expect(lost.messages.at(-1)).toMatchObject({
      status: "ERROR",
      errorCode: "connection_lost",
      errorMessage: "连接已中断。",
      content: "Par",
    });
  });

  it("a reply's end keeps its finish reason (server_stopped: the page labels it apart from a reader's Stop)", () => {
    const state = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "ended", replyId: "a2", status: "INTERRUPTED", finishReason: "server_stopped" },
    );
    expect(state.messages.at(-1)).toMatchObject({ status: "INTERRUPTED", finishReason: "server_stopped" });
  });

  it("refused: the thread is given back as it was before the request, with the reason", () => {
    const state = run(initialThreadState(earlier), requested, { type: "refused", error: "Too long." });
    expect(state.messages).toEqual(earlier);
    expect(state).toMatchObject({ activity: "idle", error: "Too long." });
  });

  it("stop: the reply keeps the text it had and is INTERRUPTED", () => {
    const state = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
      { type: "delta", replyId: "a2", text: "Once upon" },
      { type: "ended", replyId: "a2", status: "INTERRUPTED" },
      { type: "released" },
    );
    expect(summary(state).at(-1)).toBe("a2:INTERRUPTED:Once upon");
    expect(state.activity).toBe("idle");
  });

  it("re-attach after reload: the replayed start resets the partial text, so the deltas show it once", () => {
    const loaded = [
      ...earlier,
      message("u2", "USER", "a1"),
      message("a2", "ASSISTANT", "u2", { content: "Hi", status: "STREAMING" }),
    ];
    const state = run(
      initialThreadState(loaded),
      { type: "requested", placeholders: { userId: null, replyId: null } },
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1", "u2 text") },
      { type: "delta", replyId: "a2", text: "Hi" },
      { type: "delta", replyId: "a2", text: " again" },
      { type: "ended", replyId: "a2", status: "COMPLETE" },
      { type: "released" },
      {
        type: "thread-loaded",
        messages: [...earlier, message("u2", "USER", "a1"), message("a2", "ASSISTANT", "u2", { content: "Hi again" })],
      },
    );
    expect(summary(state)).toEqual([
      "u1:COMPLETE:u1 text",
      "a1:COMPLETE:a1 text",
      "u2:COMPLETE:u2 text",
      "a2:COMPLETE:Hi again",
    ]);
  });

  it("a switch of branch mid-stream changes nothing; once the reply ended it shows the other version", () => {
    const other = [message("u1", "USER", null), message("b1", "ASSISTANT", "u1", { siblingIds: ["a1", "b1"] })];
    const streaming = run(
      initialThreadState(earlier),
      requested,
      { type: "accepted" },
      { type: "started", start: start("u2", "a2", "a1") },
    );
    const during = run(streaming, { type: "switching" }, { type: "switched", messageId: "b1", messages: other });
    expect(during).toEqual(streaming);
    const after = run(
      streaming,
      { type: "ended", replyId: "a2", status: "COMPLETE" },
      { type: "released" },
      { type: "switching" },
    );
    expect(after.activity).toBe("switching");
    const switched = run(after, { type: "switched", messageId: "b1", messages: other });
    expect(summary(switched)).toEqual(["u1:COMPLETE:u1 text", "b1:COMPLETE:b1 text"]);
    expect(switched.activity).toBe("idle");
  });

  it("a switch says how much longer the thread got below the messages kept above it, or that it was replaced whole", () => {
    // Shown: u1 a1 u2 a2 u3 a3; the switch is to b2, a version of a2 whose thread below is two messages shorter.
    const shown = ["u1", "a1", "u2", "a2", "u3", "a3"].map((id, index, ids) =>
      message(id, id.startsWith("u") ? "USER" : "ASSISTANT", ids[index - 1] ?? null),
    );
    const switching = run(initialThreadState(shown), { type: "switching" });
    const shorter = run(switching, { type: "switched", messageId: "b2", messages: [message("b2", "ASSISTANT", "u2")] });
    expect(shorter.messages.map((each) => each.id)).toEqual(["u1", "a1", "u2", "b2"]);
    expect(shorter.versionSwitch).toEqual({ messageId: "b2", lengthChange: -2 });

    // A page that does not continue what is shown (its first message's parent is not there) replaces it whole.
    const unrelated = [message("x9", "USER", "x8"), message("x10", "ASSISTANT", "x9")];
    const replaced = run(switching, { type: "switched", messageId: "x9", messages: unrelated });
    expect(replaced.messages.map((each) => each.id)).toEqual(["x9", "x10"]);
    expect(replaced.versionSwitch).toEqual({ messageId: "x9", lengthChange: null });

    // A switch at the thread's first message: the page is read from the top, and continues the thread shown.
    const fromTheTop = run(switching, {
      type: "switched",
      messageId: "v1",
      messages: [message("v1", "USER", null), message("w1", "ASSISTANT", "v1")],
    });
    expect(fromTheTop.messages.map((each) => each.id)).toEqual(["v1", "w1"]);
    expect(fromTheTop.versionSwitch).toEqual({ messageId: "v1", lengthChange: -4 });
  });

  it("regenerate: the placeholder stands in for the new version until start names it", () => {
    const placeholder = createPlaceholderReply(earlier[1] as ChatMessage);
    const state = run(initialThreadState(earlier), {
      type: "requested",
      placeholders: { userId: null, replyId: placeholder.id },
      show: { kind: "replace", messageId: "a1", message: placeholder },
    });
    expect(state.messages.map((each) => each.id)).toEqual(["u1", placeholder.id]);
    const started = run(state, { type: "accepted" }, { type: "started", start: start("u1", "a3", null, "u1 text") });
    expect(summary(started)).toEqual(["u1:COMPLETE:u1 text", "a3:STREAMING:"]);
    expect(started.messages.at(-1)?.siblingIds).toEqual(["a1", "a3"]);
  });

  it("title: the model's title is kept, whatever the reply is doing", () => {
    const state = run(initialThreadState(earlier), requested, { type: "titled", title: "Weekend in Lisbon" });
    expect(state.title).toBe("Weekend in Lisbon");
    expect(run(state, { type: "released" }).title).toBe("Weekend in Lisbon");
  });
});
