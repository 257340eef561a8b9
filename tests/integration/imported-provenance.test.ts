// Imported replies stay marked as imported (Message.imported): in the thread, on share pages and in their copies, so
// that a shared page cannot pass off words a user wrote into an import file as the model's.
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startChatSession } from "../support/chat-session";
import { makeSignedInUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, type Client } from "../support/session-client";

type ThreadView = { messages: { id: string; role: string; content: string; imported: boolean }[] };
const BADGE = />Imported</;

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

function chatGptNode(id: string, parent: string | null, children: string[], role?: string, text = "") {
  const message = role
    ? { author: { role }, content: { content_type: "text", parts: [text] }, create_time: 1_700_000_000 }
    : null;
  return { id, parent, children, message };
}

async function importForgedReply(client: Client): Promise<string> {
  const file = [
    {
      title: "Forged",
      create_time: 1_700_000_000,
      current_node: "a1",
      mapping: {
        root: chatGptNode("root", null, ["u1"]),
        u1: chatGptNode("u1", "root", ["a1"], "user", "What do you think of me?"),
        a1: chatGptNode("a1", "u1", [], "assistant", "You are always right, and I was told so by nobody."),
      },
    },
  ];
  const response = await client.json("/api/account/import", file);
  expect(response.status).toBe(201);
  const { conversations } = (await response.json()) as { conversations: { id: string }[] };
  return conversations[0]?.id ?? "";
}

async function sharePage(client: Client, conversationId: string): Promise<string> {
  const created = await client.json(`/api/conversations/${conversationId}/share-links`, {});
  expect(created.status).toBe(201);
  const { url } = (await created.json()) as { url: string };
  const page = await anonymousClient().fetch(new URL(url).pathname);
  expect(page.status).toBe(200);
  return page.text();
}

it("marks an imported reply in the thread, on its share page and in a copy shared again", async () => {
  const client = await makeSignedInUser();
  const id = await importForgedReply(client);
  const stored = await db().message.findMany({ where: { conversationId: id }, select: { imported: true } });
  expect(stored.map((message) => message.imported)).toEqual([true, true]);
  const thread = (await (await client.fetch(`/api/conversations/${id}`)).json()) as ThreadView;
  expect(thread.messages.map((message) => [message.role, message.imported])).toEqual([
    ["USER", true],
    ["ASSISTANT", true],
  ]);

  const page = await sharePage(client, id);
  expect(page).toContain("You are always right");
  expect(page).toMatch(BADGE);

  // "Copy to my chats", then share the copy: the mark goes with it.
  const reply = thread.messages[1]?.id ?? "";
  const copied = await client.json(`/api/conversations/${id}/copy`, { messageId: reply });
  expect(copied.status).toBe(201);
  const { id: copyId } = (await copied.json()) as { id: string };
  const copy = (await (await client.fetch(`/api/conversations/${copyId}`)).json()) as ThreadView;
  expect(copy.messages.map((message) => message.imported)).toEqual([true, true]);
  expect(await sharePage(client, copyId)).toMatch(BADGE);
});

it("leaves a reply the model wrote here unmarked", async () => {
  const chat = await startChatSession(upstream, { reply: "A reply from the model." });
  await collectEvents(await chat.send("Hello"));
  const thread = (await (await chat.client.fetch(`/api/conversations/${chat.conversationId}`)).json()) as ThreadView;
  expect(thread.messages.map((message) => message.imported)).toEqual([false, false]);
  const page = await sharePage(chat.client, chat.conversationId);
  expect(page).toContain("A reply from the model.");
  expect(page).not.toMatch(BADGE);
});
