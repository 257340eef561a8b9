// A conversation is a tree: edits and regenerations are siblings, and the thread follows what the user picks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

type View = {
  messages: { id: string; role: string; content: string; siblingIds: string[]; parentId: string | null }[];
};

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function view(chat: ChatSession): Promise<View> {
  return (await chat.client.fetch(`/api/conversations/${chat.conversationId}`)).json();
}

describe("editing a message", () => {
  it("branches beside the original and sends only the new branch to the model", async () => {
    const chat = await startChatSession(upstream, { reply: "Answer." });
    const first = startedIds(await collectEvents(await chat.send("Original question")));
    await collectEvents(await chat.send("Follow-up"));
    const edited = startedIds(await collectEvents(await chat.send("Edited question", { parentId: null })));

    const thread = await view(chat);
    expect(thread.messages.map((message) => message.content)).toEqual(["Edited question", "Answer."]);
    expect(thread.messages[0]?.siblingIds).toEqual([first.userMessageId, edited.userMessageId]);
    expect(thread.messages[1]?.siblingIds).toEqual([edited.assistantMessageId]);
    expect(chat.upstreamCalls().at(-1)?.body.messages).toEqual([{ role: "user", content: "Edited question" }]);

    const back = await chat.client.json(
      `/api/conversations/${chat.conversationId}/current-message`,
      { messageId: first.userMessageId },
      "PUT",
    );
    const original = (await back.json()) as View;
    expect(original.messages.map((message) => message.content)).toEqual([
      "Original question",
      "Answer.",
      "Follow-up",
      "Answer.",
    ]);
  });

  it("refuses to branch from a user message or from another conversation's message", async () => {
    const chat = await startChatSession(upstream, { reply: "Answer." });
    const other = await startChatSession(upstream, { reply: "Answer." });
    const { userMessageId } = startedIds(await collectEvents(await chat.send("Question")));
    const foreign = startedIds(await collectEvents(await other.send("Elsewhere")));
    expect((await chat.send("Again", { parentId: userMessageId })).status).toBe(400);
    expect((await chat.send("Again", { parentId: foreign.assistantMessageId })).status).toBe(404);
    const switched = await chat.client.json(
      `/api/conversations/${chat.conversationId}/current-message`,
      { messageId: foreign.userMessageId },
      "PUT",
    );
    expect(switched.status).toBe(404);
    expect(await chat.storedMessages()).toHaveLength(2);
  });
});

describe("regenerating a reply", () => {
  it("adds a sibling reply to the same user message with the same context, and can switch back", async () => {
    const chat = await startChatSession(upstream, { reply: "Same words." });
    const first = startedIds(await collectEvents(await chat.send("Tell me a joke")));
    const regenerated = await collectEvents(
      await chat.client.json(
        `/api/conversations/${chat.conversationId}/messages/${first.assistantMessageId}/regenerate`,
        {},
      ),
    );
    const second = startedIds(regenerated);
    expect(second.userMessageId).toBe(first.userMessageId);
    expect(second.assistantMessageId).not.toBe(first.assistantMessageId);
    expect(regenerated.at(-1)?.event).toBe("done");

    const [firstCall, secondCall] = chat.upstreamCalls();
    expect(secondCall?.body.messages).toEqual(firstCall?.body.messages);
    const thread = await view(chat);
    expect(thread.messages[1]?.id).toBe(second.assistantMessageId);
    expect(thread.messages[1]?.siblingIds).toEqual([first.assistantMessageId, second.assistantMessageId]);

    const back = await chat.client.json(
      `/api/conversations/${chat.conversationId}/current-message`,
      { messageId: first.assistantMessageId },
      "PUT",
    );
    expect(((await back.json()) as View).messages[1]?.id).toBe(first.assistantMessageId);
  });

  it("answers 404 for a message that is not a reply", async () => {
    const chat = await startChatSession(upstream, { reply: "ok" });
    const { userMessageId } = startedIds(await collectEvents(await chat.send("Hi")));
    const response = await chat.client.json(
      `/api/conversations/${chat.conversationId}/messages/${userMessageId}/regenerate`,
      {},
    );
    expect(response.status).toBe(404);
  });
});
