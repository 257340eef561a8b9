// History: pinning, search over titles and message text with snippets, undoing a delete, and long threads read a
// page at a time from the newest message.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { answerAfterHeldWrite } from "../support/blocked-by";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { makeListedConversation, makeModel, makePerson, makeSignedInUser, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

type Item = { id: string; title: string; updatedAt: string; pinnedAt: string | null };
type Page = { pinned?: Item[]; items: Item[]; nextCursor: string | null };
type Hit = Item & { snippet: string | null; messageId: string | null };
type ThreadMessage = { id: string; content: string; parentId: string | null; siblingIds: string[] };
type ThreadPage = { messages: ThreadMessage[]; olderCursor: string | null };

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

const create = makeListedConversation;

async function list(client: Client): Promise<Page> {
  return (await client.fetch("/api/conversations")).json();
}

async function search(client: Client, text: string): Promise<Hit[]> {
  const response = await client.fetch(`/api/conversations/search?q=${encodeURIComponent(text)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: Hit[] }).items;
}

async function chatWith(contents: string[]): Promise<ChatSession> {
  const chat = await startChatSession(upstream, { reply: "Noted." });
  for (const content of contents) await collectEvents(await chat.send(content));
  return chat;
}

describe("pinning", () => {
  it("shows pinned conversations on top of the first page, without moving them in time", async () => {
    const client = await makeSignedInUser();
    const older = await create(client, "Older");
    await create(client, "Newer");
    const before = await list(client);
    const pinned = await client.json(`/api/conversations/${older}`, { pinned: true }, "PATCH");
    expect(await pinned.json()).toMatchObject({ id: older, pinnedAt: expect.any(String) });

    const page = await list(client);
    expect(page.pinned?.map((item) => item.title)).toEqual(["Older"]);
    expect(page.items.map((item) => item.title)).toEqual(["Newer"]);
    expect(page.pinned?.[0]?.updatedAt).toBe(before.items.find((item) => item.id === older)?.updatedAt);

    await client.json(`/api/conversations/${older}`, { pinned: false }, "PATCH");
    expect((await list(client)).items.map((item) => item.title)).toEqual(["Newer", "Older"]);
    expect((await client.json(`/api/conversations/${older}`, { pinned: "yes" }, "PATCH")).status).toBe(400);
  });

  it("pins at most 100 conversations, and lists every pinned one, restored ones above the cap included", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const pinnedAt = new Date();
    await db().conversation.createMany({
      data: Array.from({ length: 100 }, (_, index) => ({ ownerId: user.id, title: `Pinned ${index}`, pinnedAt })),
    });
    const extra = await create(client, "One too many");
    const refused = await client.json(`/api/conversations/${extra}`, { pinned: true }, "PATCH");
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: { code: "too_many_pins", message: "You can pin up to 100 conversations. Unpin one first." },
    });
    expect(await db().conversation.findUniqueOrThrow({ where: { id: extra } })).toMatchObject({ pinnedAt: null });
    // Pinned again (moved to the top) is not one more.
    const [first] = await db().conversation.findMany({ where: { ownerId: user.id, pinnedAt: { not: null } }, take: 1 });
    expect((await client.json(`/api/conversations/${first?.id}`, { pinned: true }, "PATCH")).status).toBe(200);
    expect((await client.json(`/api/conversations/${first?.id}`, { pinned: false }, "PATCH")).status).toBe(200);
    expect((await client.json(`/api/conversations/${extra}`, { pinned: true }, "PATCH")).status).toBe(200);
    // A deleted pinned conversation, restored once the owner has pinned 100 others, comes back pinned and listed.
    expect((await client.fetch(`/api/conversations/${extra}`, { method: "DELETE" })).status).toBe(204);
    expect((await client.json(`/api/conversations/${first?.id}`, { pinned: true }, "PATCH")).status).toBe(200);
    expect((await client.fetch(`/api/conversations/${extra}/restore`, { method: "POST" })).status).toBe(200);
    expect((await list(client)).pinned).toHaveLength(101);
  });

  it("lets a pin that waited for another owner's pin to commit see it, and not take the 101st place", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    await db().conversation.createMany({
      data: Array.from({ length: 99 }, (_, index) => ({
        ownerId: user.id,
        title: `Pinned ${index}`,
        pinnedAt: new Date(),
      })),
    });
    const [one, two] = [await create(client, "One"), await create(client, "Two")];
    // Another tab's pin of "One", as setPinned holds it: the owner's row locked, the 100th pin written.
    const pin = await answerAfterHeldWrite(
      [
        [`SELECT 1 FROM "User" WHERE id = $1 FOR NO KEY UPDATE`, [user.id]],
        [`UPDATE "Conversation" SET "pinnedAt" = now() WHERE id = $1`, [one]],
      ],
      () => client.json(`/api/conversations/${two}`, { pinned: true }, "PATCH"),
    );
    expect(pin.status).toBe(409);
    expect(await db().conversation.count({ where: { ownerId: user.id, pinnedAt: { not: null } } })).toBe(100);
  });
});

describe("search", () => {
  it("finds a conversation by a word from the middle of a message, with a snippet around it", async () => {
    const filler = "lorem ipsum dolor sit amet ".repeat(10);
    const chat = await chatWith(["Hello there", `${filler}the marmalade recipe needs oranges ${filler}`]);
    const hits = await search(chat.client, "MARMALADE");
    expect(hits.map((hit) => hit.id)).toEqual([chat.conversationId]);
    expect(hits[0]?.snippet).toMatch(/^….*the marmalade recipe needs oranges.*…$/);
    expect(hits[0]?.snippet?.length).toBeLessThan(200);
    // The result names the message the snippet comes from, where it opens the conversation.
    const recipe = (await chat.storedMessages()).find((message) => message.content.includes("marmalade"));
    expect(hits[0]?.messageId).toBe(recipe?.id);
  });

  it("names the newest matching message, in whichever version of the thread it is, and none for a title match", async () => {
    const chat = await chatWith(["Plan the otter trip", "Pack for the otter trip"]);
    const [first] = await chat.storedMessages();
    // An edit of the first message: the otter messages are now in a version the thread does not show.
    await collectEvents(await chat.send("Plan the beaver trip", { parentId: null }));
    await chat.client.json(`/api/conversations/${chat.conversationId}`, { title: "Weekend by the river" }, "PATCH");
    const packing = (await chat.storedMessages()).find((message) => message.content.startsWith("Pack"));

    expect(await search(chat.client, "otter")).toMatchObject([{ messageId: packing?.id, snippet: packing?.content }]);
    expect(await search(chat.client, "Plan the otter")).toMatchObject([{ messageId: first?.id }]);
    expect(await search(chat.client, "by the river")).toMatchObject([{ messageId: null, snippet: null }]);
  });

  it("names a message with the text as a whole word before newer ones with it inside a longer word", async () => {
    const chat = await chatWith(["Where is needle10?", "needle108 and needle109 came later"]);
    const exact = (await chat.storedMessages()).find((message) => message.content === "Where is needle10?");
    expect(await search(chat.client, "needle10")).toMatchObject([{ messageId: exact?.id }]);
    // A text of regular expression characters is still matched literally.
    expect(await search(chat.client, "needle10?")).toMatchObject([{ messageId: exact?.id }]);
  });

  it("finds titles and text in any language, and matches % and _ literally", async () => {
    const chat = await chatWith(["我们明天去北京看长城", "progress: 100% done_now"]);
    await chat.client.json(`/api/conversations/${chat.conversationId}`, { title: "旅行计划 Lisbon" }, "PATCH");
    expect((await search(chat.client, "北京")).map((hit) => hit.id)).toEqual([chat.conversationId]);
    expect((await search(chat.client, "旅行")).map((hit) => hit.snippet)).toEqual([null]);
    expect(await search(chat.client, "100% done_")).toHaveLength(1);
    expect(await search(chat.client, "1%0")).toHaveLength(0);
    expect(await search(chat.client, "d_ne")).toHaveLength(0);
  });

  it("finds a reply's text once the reply has ended, not while it is being written", async () => {
    // 6.6 s of streaming: longer than the wait for the first partial save (about a second in) may take.
    const words = "The pelican waits on the old pier for fish all the day.".split(/(?<= )/);
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 600 });
    const response = await chat.send("Tell me about seabirds");
    // A partial save has written the text so far: the reply is still STREAMING, its text in the database.
    await expect
      .poll(async () => (await chat.storedMessages()).at(-1), { timeout: 5_000 })
      .toMatchObject({ status: "STREAMING", content: expect.stringContaining("pelican") });
    expect(await search(chat.client, "pelican")).toEqual([]);
    expect((await search(chat.client, "seabirds")).map((hit) => hit.id)).toEqual([chat.conversationId]);

    expect((await collectEvents(response)).map((event) => event.event)).toContain("done");
    const hits = await search(chat.client, "pelican");
    expect(hits.map((hit) => hit.id)).toEqual([chat.conversationId]);
    expect(hits[0]?.snippet).toBe(words.join(""));
  });

  it("never finds other users' or deleted conversations, and rejects an empty query", async () => {
    const mine = await chatWith(["a secret about zanzibar"]);
    const other = await makeSignedInUser();
    expect(await search(other, "zanzibar")).toEqual([]);
    await mine.client.fetch(`/api/conversations/${mine.conversationId}`, { method: "DELETE" });
    expect(await search(mine.client, "zanzibar")).toEqual([]);
    expect((await mine.client.fetch("/api/conversations/search?q=%20")).status).toBe(400);
    expect((await mine.client.fetch("/api/conversations/search")).status).toBe(400);
  });
});

describe("search among many conversations", () => {
  // 140 conversations a minute apart, newest first (1 is the newest), each with one message. A word in most of them
  // is found among the newest; a rarer one only through the index over all of them: both give the newest 30.
  async function seedConversations(ownerId: string, words: (index: number) => string): Promise<string[]> {
    const model = await makeModel(upstream.url);
    const prefix = `walk${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 140 }, (_, index) => `${prefix}c${index + 1}`);
    await db().$executeRaw`
      INSERT INTO "Conversation" (id, "ownerId", "modelId", title, "createdAt", "updatedAt")
      SELECT ${prefix} || 'c' || g, ${ownerId}, ${model.id}, 'Walk ' || g, now() - g * interval '1 minute',
             now() - g * interval '1 minute'
        FROM generate_series(1, 140) g`;
    await db().$executeRaw`
      INSERT INTO "Message" (id, "conversationId", role, content, depth, "createdAt", "updatedAt")
      SELECT ${prefix} || 'm' || g, ${prefix} || 'c' || g, 'USER'::"MessageRole", w.content, 0,
             now() - g * interval '1 minute', now() - g * interval '1 minute'
        FROM unnest(${ids.map((_, index) => words(index + 1))}::text[]) WITH ORDINALITY AS w(content, g)`;
    return ids;
  }

  it("gives the 30 most recently active matches whether the word is in most conversations or in few", async () => {
    const person = await makePerson("Searcher");
    const ids = await seedConversations(person.id, (index) =>
      ["everywhere", index % 4 === 0 ? "quarterly" : "", [50, 120, 135].includes(index) ? "kingfisher" : ""].join(" "),
    );
    const newest = (matching: (index: number) => boolean) =>
      ids.filter((_, position) => matching(position + 1)).slice(0, 30);

    expect((await search(person.client, "everywhere")).map((hit) => hit.id)).toEqual(newest(() => true));
    expect((await search(person.client, "quarterly")).map((hit) => hit.id)).toEqual(newest((index) => index % 4 === 0));
    const rare = await search(person.client, "kingfisher");
    expect(rare.map((hit) => hit.id)).toEqual(newest((index) => [50, 120, 135].includes(index)));
    expect(rare[0]?.snippet).toContain("kingfisher");
    expect(rare[0]?.updatedAt).toBe(
      (await db().conversation.findUniqueOrThrow({ where: { id: ids[49] } })).updatedAt.toISOString(),
    );
  });
});

describe("undoing a delete", () => {
  it("restores the conversation in its old place; other users get 404", async () => {
    const client = await makeSignedInUser();
    const id = await create(client, "Keep me");
    await create(client, "Later one");
    expect((await client.fetch(`/api/conversations/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await list(client)).items.map((item) => item.title)).toEqual(["Later one"]);

    const stranger = await makeSignedInUser();
    expect((await stranger.fetch(`/api/conversations/${id}/restore`, { method: "POST" })).status).toBe(404);
    const restored = await client.fetch(`/api/conversations/${id}/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ id, title: "Keep me" });
    expect((await list(client)).items.map((item) => item.title)).toEqual(["Later one", "Keep me"]);
    expect((await client.fetch(`/api/conversations/${id}`)).status).toBe(200);
  });

  it("cannot restore after the undo window", async () => {
    const client = await makeSignedInUser();
    const id = await create(client, "Long gone");
    await client.fetch(`/api/conversations/${id}`, { method: "DELETE" });
    await db().conversation.update({ where: { id }, data: { deletedAt: new Date(Date.now() - 25 * 3600_000) } });
    expect((await client.fetch(`/api/conversations/${id}/restore`, { method: "POST" })).status).toBe(404);
  });
});

describe("long threads", () => {
  it("open at the newest messages and page older ones up to the root, keeping versions", async () => {
    const long = "x".repeat(3000);
    const contents = Array.from({ length: 30 }, (_, index) => `Turn ${index} ${long}`);
    const chat = await chatWith(contents);
    const first = (await (await chat.client.fetch(`/api/conversations/${chat.conversationId}`)).json()) as ThreadPage;
    expect(first.messages.at(-1)?.content).toBe("Noted.");
    expect(first.messages.at(-2)?.content).toBe(contents.at(-1));
    expect(first.messages.length).toBeLessThan(60);
    expect(first.olderCursor).toBe(first.messages[0]?.id);

    const all = [...first.messages];
    for (let cursor = first.olderCursor; cursor; ) {
      const response = await chat.client.fetch(`/api/conversations/${chat.conversationId}/thread?before=${cursor}`);
      const page = (await response.json()) as ThreadPage;
      expect(page.messages.at(-1)?.id).toBe(all[0]?.parentId);
      all.unshift(...page.messages);
      cursor = page.olderCursor;
    }
    expect(all).toHaveLength(60);
    expect(all[0]).toMatchObject({ content: contents[0], parentId: null, siblingIds: [all[0]?.id] });
    expect(all.filter((message) => message.content !== "Noted.").map((message) => message.content)).toEqual(contents);
  });

  it("open at a message far up, read through it at once, or a page at a time beyond 400 messages", async () => {
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const conversationId = await create(client, "Five hundred messages");
    // A thread of 500 messages in a row, m1 (the root) to m500 (the leaf).
    // Ids as the app's look (20 to 32 lowercase letters and digits), or the API would take them for no message.
    const prefix = `far${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    await db().$executeRaw`
      INSERT INTO "Message" (id, "conversationId", "parentId", role, content, depth, "createdAt", "updatedAt")
      SELECT ${prefix} || 'm' || g, ${conversationId}, CASE WHEN g > 1 THEN ${prefix} || 'm' || (g - 1) END,
             (CASE WHEN g % 2 = 1 THEN 'USER' ELSE 'ASSISTANT' END)::"MessageRole", 'Message ' || g, g - 1,
             now() - (500 - g) * interval '1 second', now()
        FROM generate_series(1, 500) g`;
    await db().conversation.update({ where: { id: conversationId }, data: { currentLeafId: `${prefix}m500` } });
    const open = async (query: string) =>
      (await (await client.fetch(`/api/conversations/${conversationId}${query}`)).json()) as ThreadPage & {
        focus: { messageId: string } | null;
      };

    const plain = await open("");
    expect(plain.messages.map((message) => message.content)).toEqual(
      Array.from({ length: 40 }, (_, index) => `Message ${461 + index}`),
    );
    // 201 messages from the leaf: one read, from the message down to the leaf.
    const far = await open(`?message=${prefix}m300`);
    expect(far.focus?.messageId).toBe(`${prefix}m300`);
    expect(far.messages.map((message) => message.content)).toEqual(
      Array.from({ length: 201 }, (_, index) => `Message ${300 + index}`),
    );
    expect(far.olderCursor).toBe(`${prefix}m300`);
    // 451 messages from the leaf: the first 400, and the rest as the older pages that scrolling up reads.
    const farther = await open(`?message=${prefix}m50`);
    expect(farther.focus?.messageId).toBe(`${prefix}m50`);
    expect(farther.messages).toHaveLength(400);
    expect(farther.messages[0]?.content).toBe("Message 101");
    const older = (await (
      await client.fetch(`/api/conversations/${conversationId}/thread?before=${farther.olderCursor}`)
    ).json()) as ThreadPage;
    expect(older.messages.map((message) => message.content)).toEqual(
      Array.from({ length: 40 }, (_, index) => `Message ${61 + index}`),
    );
  });

  it("answers 404 for another user's thread and 400 for a bad cursor", async () => {
    const chat = await chatWith(["Hello"]);
    const [message] = (await chat.storedMessages()).slice(-1);
    const stranger = await makeSignedInUser();
    const url = `/api/conversations/${chat.conversationId}/thread?before=${message?.id}`;
    expect((await stranger.fetch(url)).status).toBe(404);
    expect((await chat.client.fetch(`/api/conversations/${chat.conversationId}/thread?before=nope`)).status).toBe(400);
  });
});
