// Conversations: newest first with cursor pagination, rename, delete, and each user sees only their own.
import { describe, expect, it } from "vitest";
import { RESTORE_WINDOW_MS } from "@/lib/conversations/conversations";
import { db } from "@/lib/db/client";
import { EMPTY_CONVERSATION_LIFETIME_MS, sweepUnreachable } from "@/lib/server/clean-up-sweep";
import { startChatSession } from "../support/chat-session";
import { makeListedConversation, makeModel, makeSignedInUser } from "../support/factories";
import { startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";

type Page = { items: { id: string; title: string; updatedAt: string }[]; nextCursor: string | null };

describe("conversations", () => {
  it("lists the caller's conversations newest first, 30 a page, and only theirs", async () => {
    const [client, neighbour] = await Promise.all([makeSignedInUser(), makeSignedInUser()]);
    await makeListedConversation(neighbour, "Not yours");
    for (let index = 0; index < 32; index++) await makeListedConversation(client, `Chat ${index}`);
    const first = (await (await client.fetch("/api/conversations")).json()) as Page;
    expect(first.items).toHaveLength(30);
    expect(first.items[0]?.title).toBe("Chat 31");
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await (await client.fetch(`/api/conversations?cursor=${first.nextCursor}`)).json()) as Page;
    expect((await client.fetch("/api/conversations?cursor=not-a-cursor")).status).toBe(400);
    expect(second.items.map((item) => item.title)).toEqual(["Chat 1", "Chat 0"]);
    expect(second.nextCursor).toBeNull();
  });

  it("does not list a conversation that holds no message yet (a new chat whose first message was refused)", async () => {
    const client = await makeSignedInUser();
    const { id } = (await (await client.json("/api/conversations", { title: "Refused at once" })).json()) as {
      id: string;
    };
    const listed = async () => ((await (await client.fetch("/api/conversations")).json()) as Page).items;
    expect(await listed()).toEqual([]);
    expect((await client.fetch(`/api/conversations/${id}`)).status).toBe(200);
    const kept = await makeListedConversation(client, "Sent");
    expect((await listed()).map((item) => item.id)).toEqual([kept]);
  });

  it("removes a conversation that never got a message once left for a week, and keeps any with a message", async () => {
    const client = await makeSignedInUser();
    const createEmpty = async () => ((await (await client.json("/api/conversations", {})).json()) as { id: string }).id;
    const [abandoned, fresh] = [await createEmpty(), await createEmpty()];
    const used = await makeListedConversation(client, "Sent long ago");
    const pastLifetime = new Date(Date.now() - EMPTY_CONVERSATION_LIFETIME_MS - 60_000);
    await db().conversation.updateMany({ where: { id: { in: [abandoned, used] } }, data: { updatedAt: pastLifetime } });
    await sweepUnreachable();
    expect((await client.fetch(`/api/conversations/${abandoned}`)).status).toBe(404);
    expect((await client.fetch(`/api/conversations/${fresh}`)).status).toBe(200);
    expect((await client.fetch(`/api/conversations/${used}`)).status).toBe(200);
  });

  it("renames and deletes, validating the title", async () => {
    const client = await makeSignedInUser();
    const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
    expect((await client.json(`/api/conversations/${id}`, { title: " " }, "PATCH")).status).toBe(400);
    const renamed = await client.json(`/api/conversations/${id}`, { title: "Trip to Lisbon" }, "PATCH");
    expect(await renamed.json()).toMatchObject({ id, title: "Trip to Lisbon" });
    expect((await client.fetch(`/api/conversations/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await client.fetch(`/api/conversations/${id}`)).status).toBe(404);
    const page = (await (await client.fetch("/api/conversations")).json()) as Page;
    expect(page.items.map((item) => item.id)).not.toContain(id);
  });

  it("purges a conversation deleted longer ago than Undo reaches, with its messages and links, keeping the usage", async () => {
    const upstream = await startFakeUpstream();
    const session = await startChatSession(upstream, { reply: "Noted." });
    const { client, conversationId: id } = session;
    await collectEvents(await session.send("Remember the harbour."));
    expect((await client.json(`/api/conversations/${id}/share-links`, {})).status).toBe(201);
    const { ownerId } = await db().conversation.findUniqueOrThrow({ where: { id } });
    const countRows = async () => ({
      conversations: await db().conversation.count({ where: { id } }),
      messages: await db().message.count({ where: { conversationId: id } }),
      shareLinks: await db().shareLink.count({ where: { conversationId: id } }),
    });
    expect((await client.fetch(`/api/conversations/${id}`, { method: "DELETE" })).status).toBe(204);
    // Deleted an hour ago, and not deleted at all: both outlive the sweep that purges the first.
    const [recent, live] = [
      await makeListedConversation(client, "Recent"),
      await makeListedConversation(client, "Live"),
    ];
    expect((await client.fetch(`/api/conversations/${recent}`, { method: "DELETE" })).status).toBe(204);
    await db().conversation.update({ where: { id: recent }, data: { deletedAt: new Date(Date.now() - 3_600_000) } });

    // Within Undo's reach: swept past, and still restorable.
    await sweepUnreachable();
    expect(await countRows()).toEqual({ conversations: 1, messages: 2, shareLinks: 1 });
    const pastUndo = new Date(Date.now() - RESTORE_WINDOW_MS - 60_000);
    await db().conversation.update({ where: { id }, data: { deletedAt: pastUndo } });
    await sweepUnreachable();
    expect(await countRows()).toEqual({ conversations: 0, messages: 0, shareLinks: 0 });
    expect((await client.json(`/api/conversations/${id}/restore`, {})).status).toBe(404);
    expect(await db().conversation.count({ where: { id: { in: [recent, live] } } })).toBe(2);
    expect((await client.json(`/api/conversations/${recent}/restore`, {})).status).toBe(200);
    // The usage figures do not shrink: the ledger keeps the reply's row, without its message.
    const usage = await db().replyUsage.findMany({ where: { userId: ownerId ?? "" } });
    expect(usage).toHaveLength(1);
    expect(usage[0]?.messageId).toBeNull();
    await upstream.close();
  });

  it("answers 404 for a model the caller may not use, and does not list it", async () => {
    const upstream = await startFakeUpstream();
    const [hidden, disabled] = await Promise.all([
      makeModel(upstream.url, { visibleToEveryone: false }),
      makeModel(upstream.url, { enabled: false }),
    ]);
    const client = await makeSignedInUser();
    for (const model of [hidden, disabled]) {
      expect((await client.json("/api/conversations", { modelId: model.id })).status).toBe(404);
    }
    const { items } = (await (await client.fetch("/api/models")).json()) as { items: { id: string }[] };
    expect(items.map((item) => item.id)).not.toContain(hidden.id);
    expect(items.map((item) => item.id)).not.toContain(disabled.id);
    await upstream.close();
  });

  it("rejects unknown fields and oversized messages without writing anything", async () => {
    const client = await makeSignedInUser();
    expect((await client.json("/api/conversations", { ownerId: "someone-else" })).status).toBe(400);
    const { id } = (await (await client.json("/api/conversations", {})).json()) as { id: string };
    const tooLong = await client.json(`/api/conversations/${id}/messages`, { content: "x".repeat(32_001) });
    expect(tooLong.status).toBe(400);
    const empty = await client.json(`/api/conversations/${id}/messages`, { content: "   " });
    expect(empty.status).toBe(400);
    const view = (await (await client.fetch(`/api/conversations/${id}`)).json()) as { messages: unknown[] };
    expect(view.messages).toEqual([]);
  });
});
