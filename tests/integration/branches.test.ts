// A conversation is a tree: edits and regenerations are siblings, and the thread follows what the user picks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, startedIds } from "../support/read-events";

type View = {
  messages: { id: string; role: string; content: string; siblingIds: string[]; parentId: string | null }[];
  focus: { messageId: string; isCurrentThread: boolean } | null;
};

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

async function view(chat: ChatSession, query = ""): Promise<View> {
  const response = await chat.client.fetch(`/api/conversations/${chat.conversationId}${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

async function currentLeafId(chat: ChatSession): Promise<string | null> {
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
  return conversation.currentLeafId;
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

describe("switching versions", () => {
  it("answers the thread through the version switched to, however far above the newest message it is", async () => {
    const chat = await startChatSession(upstream, { reply: "Answer." });
    // A ChatGPT export whose second message has two versions, each followed by 59 more: the page read at once is 40.
    const mapping: Record<string, object> = {};
    const node = (id: string, parent: string | null, children: string[], index: number, text: string) => {
      const role = index % 2 === 0 ? "user" : "assistant";
      const message = { author: { role }, content: { content_type: "text", parts: [text] }, create_time: index };
      mapping[id] = { id, parent, children, message };
    };
    node("root", null, ["a1", "b1"], 0, "Shared question");
    for (const version of ["a", "b"]) {
      for (let index = 1; index <= 60; index++) {
        const children = index === 60 ? [] : [`${version}${index + 1}`];
        node(
          `${version}${index}`,
          index === 1 ? "root" : `${version}${index - 1}`,
          children,
          index,
          `${version}${index}`,
        );
      }
    }
    const file = [{ title: "Two versions", create_time: 1, current_node: "b60", mapping }];
    const imported = await chat.client.json("/api/account/import", file);
    expect(imported.status).toBe(201);
    const conversationId = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0]?.id;
    const opened = (await (await chat.client.fetch(`/api/conversations/${conversationId}`)).json()) as View;
    expect(opened.messages.map((message) => message.content).slice(0, 2)).toEqual(["b21", "b22"]);

    const stored = await db().message.findMany({ where: { conversationId, content: "a1" } });
    const switched = await chat.client.json(
      `/api/conversations/${conversationId}/current-message`,
      { messageId: stored[0]?.id },
      "PUT",
    );
    expect(switched.status).toBe(200);
    const thread = ((await switched.json()) as View).messages.map((message) => message.content);
    // From the message switched to (read this far up for it) to its version's newest message.
    expect(thread).toEqual(Array.from({ length: 60 }, (_, index) => `a${index + 1}`));
  });
});

describe("opening the conversation at a message (?message=, a search result's)", () => {
  it("shows the thread through a message of another version without changing the current one", async () => {
    const chat = await startChatSession(upstream, { reply: "Answer." });
    const first = startedIds(await collectEvents(await chat.send("Original question")));
    await collectEvents(await chat.send("Follow-up"));
    const edited = startedIds(await collectEvents(await chat.send("Edited question", { parentId: null })));
    const current = await view(chat);

    const opened = await view(chat, `?message=${first.userMessageId}`);
    expect(opened.messages.map((message) => message.content)).toEqual([
      "Original question",
      "Answer.",
      "Follow-up",
      "Answer.",
    ]);
    // The version switcher shows the first of two versions.
    expect(opened.messages[0]?.siblingIds).toEqual([first.userMessageId, edited.userMessageId]);
    expect(opened.focus).toEqual({ messageId: first.userMessageId, isCurrentThread: false });
    // Reading changes nothing; the page of a writer makes it current as a switch of version does.
    expect(await currentLeafId(chat)).toBe(edited.assistantMessageId);
    expect(await view(chat)).toEqual(current);
    await chat.client.json(
      `/api/conversations/${chat.conversationId}/current-message`,
      { messageId: first.userMessageId },
      "PUT",
    );
    expect((await view(chat, `?message=${first.userMessageId}`)).focus?.isCurrentThread).toBe(true);
  });

  it("keeps the versions below a message of the current thread as they are shown", async () => {
    const chat = await startChatSession(upstream, { reply: "Same words." });
    const first = startedIds(await collectEvents(await chat.send("Tell me a joke")));
    const url = `/api/conversations/${chat.conversationId}/messages/${first.assistantMessageId}/regenerate`;
    const second = startedIds(await collectEvents(await chat.client.json(url, {})));
    const switchBack = { messageId: first.assistantMessageId };
    await chat.client.json(`/api/conversations/${chat.conversationId}/current-message`, switchBack, "PUT");

    // The newest reply below the question is the second, but the thread shown already passes through the question.
    const opened = await view(chat, `?message=${first.userMessageId}`);
    expect(opened.messages.map((message) => message.id)).toEqual([first.userMessageId, first.assistantMessageId]);
    expect(opened.messages[1]?.siblingIds).toEqual([first.assistantMessageId, second.assistantMessageId]);
    expect(opened.focus).toEqual({ messageId: first.userMessageId, isCurrentThread: true });
  });

  it("opens as it is for a message of another conversation, a gone one, or no id at all", async () => {
    const chat = await startChatSession(upstream, { reply: "Answer." });
    const other = await startChatSession(upstream, { reply: "Answer." });
    await collectEvents(await chat.send("Mine"));
    const foreign = startedIds(await collectEvents(await other.send("Someone else's")));
    const created = await chat.client.json("/api/conversations", { modelId: chat.modelId });
    const { id: elsewhereId } = (await created.json()) as { id: string };
    const elsewhere = startedIds(
      await collectEvents(
        await chat.client.json(`/api/conversations/${elsewhereId}/messages`, { content: "Mine too" }),
      ),
    );
    const plain = await view(chat);
    expect(plain.focus).toBeNull();

    const ignored = [foreign.userMessageId, elsewhere.userMessageId, "c0000000000000000000gone", "nope", "", "a&b=c"];
    for (const message of ignored) {
      expect(await view(chat, `?message=${encodeURIComponent(message)}`), message).toEqual(plain);
    }
    await other.client.fetch(`/api/conversations/${other.conversationId}`, { method: "DELETE" });
    expect(await view(chat, `?message=${foreign.assistantMessageId}`)).toEqual(plain);
    // As every query string: NUL and unknown parameters are refused.
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}?message=%00`)).status).toBe(400);
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}?unknown=1`)).status).toBe(400);
    // The other user's conversation stays out of reach, whatever message is named.
    const stranger = await other.client.fetch(
      `/api/conversations/${chat.conversationId}?message=${foreign.userMessageId}`,
    );
    expect(stranger.status).toBe(404);
  });
});
