// Your data: export a conversation (Markdown: the thread shown; JSON: every version), export everything, and import
// ChatGPT's conversations.json or Parley's own JSON export back, all or nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { makeSignedInUser, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

type ExportedMessage = { id: string; parentId: string | null; role: string; content: string };
type ExportedConversation = { title: string; currentMessageId: string | null; messages: ExportedMessage[] };
type ThreadView = { title: string; messages: { role: string; content: string; siblingIds: string[] }[] };

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

/** Two questions, the first one edited: a tree with a branch. */
async function branchedChat(): Promise<ChatSession> {
  const chat = await startChatSession(upstream, { reply: "An answer." });
  await collectEvents(await chat.send("First question"));
  await collectEvents(await chat.send("Second question"));
  await collectEvents(await chat.send("First question, edited", { parentId: null }));
  await chat.client.json(`/api/conversations/${chat.conversationId}`, { title: "Trip to Lisbon" }, "PATCH");
  return chat;
}

async function importFile(client: Client, file: unknown): Promise<Response> {
  return client.json("/api/account/import", file);
}

async function openConversation(client: Client, id: string): Promise<ThreadView> {
  return (await client.fetch(`/api/conversations/${id}`)).json();
}

function chatGptNode(id: string, parent: string | null, children: string[], role?: string, text?: string) {
  const message = role
    ? { author: { role }, content: { content_type: "text", parts: [text ?? ""] }, create_time: 1_700_000_000 }
    : null;
  return { id, parent, children, message };
}

describe("exporting", () => {
  it("exports the thread on screen as Markdown and the whole tree as JSON", async () => {
    const chat = await branchedChat();
    const markdown = await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=markdown`);
    expect(markdown.headers.get("content-type")).toContain("text/markdown");
    expect(markdown.headers.get("content-disposition")).toContain('filename="Trip-to-Lisbon.md"');
    const text = await markdown.text();
    expect(text).toMatch(/^# Trip to Lisbon\n/);
    expect(text).toContain("## User\n\nFirst question, edited\n\n## Assistant\n\nAn answer.");
    expect(text).not.toContain("Second question");

    const json = await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=json`);
    const document = (await json.json()) as { format: string; conversation: ExportedConversation };
    expect(document.format).toBe("parley-conversation");
    expect(document.conversation.messages.map((message) => message.content).sort()).toEqual(
      ["An answer.", "An answer.", "An answer.", "First question", "First question, edited", "Second question"].sort(),
    );
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=pdf`)).status).toBe(400);
  });

  it("exports all of my data and nothing of anyone else's, never a password hash", async () => {
    const mine = await branchedChat();
    const other = await branchedChat();
    await other.client.json(`/api/conversations/${other.conversationId}`, { title: "Not yours" }, "PATCH");
    // A new chat whose first message was refused (too long, say) is left without messages: not exported.
    expect((await mine.client.json("/api/conversations", { modelId: mine.modelId })).status).toBe(201);
    const response = await mine.client.fetch("/api/account/export");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="parley-export-/);
    const body = await response.text();
    const document = JSON.parse(body) as { account: { email: string }; conversations: ExportedConversation[] };
    expect(document.conversations.map((conversation) => conversation.title)).toEqual(["Trip to Lisbon"]);
    expect(body).not.toContain("Not yours");
    expect(body).not.toMatch(/passwordHash|argon2/);
  });
});

describe("importing", () => {
  it("round-trips a Parley JSON export with every branch and the same thread on screen", async () => {
    const chat = await branchedChat();
    const exported = await (
      await chat.client.fetch(`/api/conversations/${chat.conversationId}/export?format=json`)
    ).json();
    const client = await makeSignedInUser();
    const response = await importFile(client, exported);
    expect(response.status).toBe(201);
    const { conversations } = (await response.json()) as { conversations: { id: string }[] };
    const [imported] = conversations;
    const view = await openConversation(client, imported?.id ?? "");
    expect(view.title).toBe("Trip to Lisbon");
    expect(view.messages.map((message) => message.content)).toEqual(["First question, edited", "An answer."]);
    expect(view.messages[0]?.siblingIds).toHaveLength(2);
  });

  it("imports ChatGPT's conversations.json with roles, order, branches and token counts", async () => {
    const client = await makeSignedInUser();
    const conversation = {
      title: "Recipe ideas",
      create_time: 1_700_000_000,
      current_node: "a2",
      mapping: {
        root: chatGptNode("root", null, ["sys"]),
        sys: { ...chatGptNode("sys", "root", ["u1"], "system", ""), message: null },
        u1: chatGptNode("u1", "sys", ["a1", "a2"], "user", "Something with lemons?"),
        a1: chatGptNode("a1", "u1", ["tool"], "assistant", "Lemon tart."),
        tool: chatGptNode("tool", "a1", [], "tool", "search results"),
        a2: chatGptNode("a2", "u1", [], "assistant", "Lemon risotto."),
      },
    };
    const response = await importFile(client, [conversation]);
    expect(response.status).toBe(201);
    const { conversations } = (await response.json()) as { conversations: { id: string }[] };
    const id = conversations[0]?.id ?? "";
    const view = await openConversation(client, id);
    expect(view.messages.map((message) => [message.role, message.content])).toEqual([
      ["USER", "Something with lemons?"],
      ["ASSISTANT", "Lemon risotto."],
    ]);
    expect(view.messages[1]?.siblingIds).toHaveLength(2);
    const stored = await db().message.findMany({ where: { conversationId: id }, orderBy: { depth: "asc" } });
    expect(stored).toHaveLength(3);
    const [question, ...answers] = stored;
    expect(question).toMatchObject({ depth: 0, tokenEncoding: expect.any(String) });
    expect(question?.tokenCount).toBeGreaterThan(0);
    for (const answer of answers) {
      expect(answer.depth).toBe(1);
      expect(answer.threadTokens).toBe((question?.tokenCount ?? 0) + answer.tokenCount);
    }
  });

  it("refuses a bad file with 400 and writes nothing, and a file over the limit with 413", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const good = { title: "Fine", mapping: { a: chatGptNode("a", null, [], "user", "hello") } };
    const count = () => db().conversation.count({ where: { ownerId: user.id } });
    const before = await count();
    const bad = await importFile(client, [good, { title: "Broken", mapping: "nope" }]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("not a ChatGPT export");
    expect((await importFile(client, { hello: "world" })).status).toBe(400);
    expect((await importFile(client, [])).status).toBe(400);
    const empty = await importFile(client, [{ title: "Nothing said", mapping: {} }]);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { code: string } }).error.code).toBe("nothing_to_import");
    const huge = await client.fetch("/api/account/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `[${" ".repeat(51 * 1024 * 1024)}]`,
    });
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });
});
