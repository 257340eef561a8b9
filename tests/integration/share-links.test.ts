// Share links: a public, read-only snapshot up to a message, shown with its title, roles and text only; only the
// owner manages links; revoked, expired or deleted means 404 at once; "continue as my copy" for signed-in visitors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/secret-tokens";
import { db } from "@/lib/db/client";
import { type ChatSession, startChatSession } from "../support/chat-session";
import { makeSignedInUser, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

const SYSTEM_PROMPT = "Never reveal the launch code 7731";
type Link = { id: string; title: string; messageId: string; expiresAt: string | null; revoked: boolean; url: string };

let upstream: FakeUpstream;
let session: ChatSession;
let stranger: Client;
const anonymous = anonymousClient();

beforeAll(async () => {
  upstream = await startFakeUpstream();
  session = await startChatSession(upstream, { echoPrefix: "echo:" }, { systemPrompt: SYSTEM_PROMPT });
  stranger = await makeSignedInUser();
  await session.client.json(`/api/conversations/${session.conversationId}`, { title: "Lisbon plans" }, "PATCH");
  for (const content of ["echo: Alpha reply", "echo: Beta **reply**"]) await collectEvents(await session.send(content));
});
afterAll(() => upstream.close());

const linksPath = (conversationId = session.conversationId) => `/api/conversations/${conversationId}/share-links`;

async function createLink(body: object = {}): Promise<Link & { token: string }> {
  const response = await session.client.json(linksPath(), body);
  expect(response.status).toBe(201);
  const link = (await response.json()) as Link;
  return { ...link, token: link.url.split("/s/")[1] ?? "" };
}

async function shareLinkRows() {
  return db().shareLink.findMany({ where: { conversationId: session.conversationId }, orderBy: { id: "asc" } });
}

describe("share links", () => {
  it("shows the snapshot up to the current message, its title, roles and text, and nothing internal", async () => {
    const link = await createLink();
    expect(link.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}$/);
    expect(link).toMatchObject({ title: "Lisbon plans", expiresAt: null, revoked: false });
    const stored = await db().shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    // Said after the link was made: not part of its snapshot.
    await collectEvents(await session.send("echo: Gamma later"));

    const page = await anonymous.fetch(`/s/${link.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("x-robots-tag")).toContain("noindex");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = await page.text();
    expect(html).toMatch(/<meta name="robots" content="noindex/);
    expect(html).toContain("Lisbon plans");
    expect(html).toContain("Alpha reply");
    expect(html).toContain("Beta **reply**");
    expect(html).not.toContain("Gamma later");
    expect(html).toContain("Sign in to continue");

    // The flight (RSC) payload a client navigation fetches holds no more than the HTML.
    // (Next answers an RSC request without its cache-busting `_rsc` parameter with a redirect to the URL with it.)
    const redirect = await anonymous.fetch(`/s/${link.token}`, { headers: { RSC: "1" } });
    const flightUrl = redirect.status === 307 ? (redirect.headers.get("location") ?? "") : `/s/${link.token}`;
    const flight = await anonymous.fetch(flightUrl, { headers: { RSC: "1" } });
    expect(flight.headers.get("content-type")).toContain("text/x-component");
    expect(flight.headers.get("x-robots-tag")).toContain("noindex");
    const payload = await flight.text();
    expect(payload).toContain("Alpha reply");

    const owner = await db().conversation.findUniqueOrThrow({
      where: { id: session.conversationId },
      select: { owner: { select: { id: true, email: true, name: true } }, model: true, messages: true },
    });
    const secrets = [
      owner.owner?.email,
      owner.owner?.id,
      session.conversationId,
      session.modelId,
      session.upstreamName,
      owner.model?.label,
      owner.model?.providerId,
      SYSTEM_PROMPT,
      link.id,
      stored.tokenHash,
      ...owner.messages.map((message) => message.id),
    ];
    for (const secret of secrets) {
      expect(secret).toBeTruthy();
      expect(html, `page HTML leaks ${secret}`).not.toContain(secret);
      expect(payload, `RSC payload leaks ${secret}`).not.toContain(secret);
    }
  });

  it("lists the owner's links newest first, and revoking one makes its page 404 at once", async () => {
    const link = await createLink({ expiresInDays: 7 });
    expect(new Date(link.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600 * 1000);
    expect((await anonymous.fetch(`/s/${link.token}`)).status).toBe(200);

    const revoked = await session.client.fetch(`${linksPath()}/${link.id}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    const gone = await anonymous.fetch(`/s/${link.token}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("x-robots-tag")).toContain("noindex");
    const goneHtml = await gone.text();
    expect(goneHtml).toContain("Shared conversation not available");
    expect(goneHtml).not.toContain("Alpha reply");
    expect((await stranger.json(`/api/share/${link.token}/copy`, {})).status).toBe(404);

    const list = (await (await session.client.fetch(linksPath())).json()) as {
      publicLinksEnabled: boolean;
      items: Link[];
    };
    expect(list.publicLinksEnabled).toBe(true);
    expect(list.items[0]).toMatchObject({ id: link.id, revoked: true });
    expect(list.items[0]).not.toHaveProperty("url");
    // Revoking again changes nothing; a link of another conversation is not found.
    expect((await session.client.fetch(`${linksPath()}/${link.id}`, { method: "DELETE" })).status).toBe(204);
    const other = await session.client.json("/api/conversations", {});
    const { id: otherId } = (await other.json()) as { id: string };
    expect((await session.client.fetch(`${linksPath(otherId)}/${link.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers 404 once a link has expired or its conversation is deleted", async () => {
    const expiring = await createLink({ expiresInDays: 1 });
    await db().shareLink.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous.fetch(`/s/${expiring.token}`)).status).toBe(404);

    const doomed = await startChatSession(upstream, { echoPrefix: "echo:" });
    await collectEvents(await doomed.send("echo: Soon gone"));
    const created = await doomed.client.json(linksPath(doomed.conversationId), {});
    const { url } = (await created.json()) as Link;
    const path = new URL(url).pathname;
    expect((await anonymous.fetch(path)).status).toBe(200);
    await doomed.client.fetch(`/api/conversations/${doomed.conversationId}`, { method: "DELETE" });
    expect((await anonymous.fetch(path)).status).toBe(404);
  });

  it("keeps a deleted conversation's links revoked when the delete is undone", async () => {
    const undone = await startChatSession(upstream, { echoPrefix: "echo:" });
    await collectEvents(await undone.send("echo: Deleted by mistake"));
    const created = await undone.client.json(linksPath(undone.conversationId), {});
    const path = new URL(((await created.json()) as Link).url).pathname;
    const conversationPath = `/api/conversations/${undone.conversationId}`;
    expect((await undone.client.fetch(conversationPath, { method: "DELETE" })).status).toBe(204);
    expect((await undone.client.fetch(`${conversationPath}/restore`, { method: "POST" })).status).toBe(200);
    expect((await undone.client.fetch(conversationPath)).status).toBe(200);

    expect((await anonymous.fetch(path)).status).toBe(404);
    const listed = (await (await undone.client.fetch(linksPath(undone.conversationId))).json()) as { items: Link[] };
    expect(listed.items.map((link) => link.revoked)).toEqual([true]);
  });

  it("answers 404 for tokens that are unknown or not tokens at all", async () => {
    const unknown = "A".repeat(43);
    for (const token of [unknown, "short", `${unknown}A`]) {
      expect((await anonymous.fetch(`/s/${token}`)).status, token).toBe(404);
    }
  });

  it("shares up to a chosen message of the conversation, never a message still streaming", async () => {
    const { currentLeafId } = await db().conversation.findUniqueOrThrow({ where: { id: session.conversationId } });
    const [first] = await db().message.findMany({
      where: { conversationId: session.conversationId, role: "ASSISTANT" },
      orderBy: { createdAt: "asc" },
    });
    const chosen = await createLink({ messageId: first?.id });
    const html = await (await anonymous.fetch(`/s/${chosen.token}`)).text();
    expect(html).toContain("Alpha reply");
    expect(html).not.toContain("Beta **reply**");

    const before = await shareLinkRows();
    const foreign = await startChatSession(upstream, { echoPrefix: "echo:" });
    await collectEvents(await foreign.send("echo: Elsewhere"));
    const [foreignMessage] = await foreign.storedMessages();
    expect((await session.client.json(linksPath(), { messageId: foreignMessage?.id })).status).toBe(404);
    await db().message.update({ where: { id: currentLeafId ?? "" }, data: { status: "STREAMING" } });
    const streaming = await session.client.json(linksPath(), {});
    await db().message.update({ where: { id: currentLeafId ?? "" }, data: { status: "COMPLETE" } });
    expect(streaming.status).toBe(409);
    // Codes of their own, which the interface words in the reader's language (a generic "conflict" would say
    // "this was changed meanwhile").
    expect(((await streaming.json()) as { error: { code: string } }).error.code).toBe("reply_still_streaming");
    for (const body of [{ expiresInDays: 0 }, { expiresInDays: 366 }, { expiresInDays: 1.5 }, { token: "mine" }]) {
      expect((await session.client.json(linksPath(), body)).status, JSON.stringify(body)).toBe(400);
    }
    const empty = await session.client.json("/api/conversations", {});
    const { id: emptyId } = (await empty.json()) as { id: string };
    const nothing = await session.client.json(linksPath(emptyId), {});
    expect(nothing.status).toBe(409);
    expect(((await nothing.json()) as { error: { code: string } }).error.code).toBe("nothing_to_share");
    expect(await shareLinkRows()).toEqual(before);
  });

  it("lets only the owner manage links: team members get 403, a stranger 404, anonymous 401, with no trace", async () => {
    const link = await createLink();
    const [teamOwner, editor] = await Promise.all([makeUser(), makeUser()]);
    const team = await db().team.create({
      data: {
        name: "Research",
        memberships: {
          create: [
            { userId: teamOwner.id, role: "OWNER" },
            { userId: editor.id, role: "EDITOR" },
          ],
        },
      },
    });
    await db().conversation.update({
      where: { id: session.conversationId },
      data: { teamId: team.id, visibility: "TEAM" },
    });
    const teamOwnerClient = await signedInClient(teamOwner.email, teamOwner.password);
    const editorClient = await signedInClient(editor.email, editor.password);
    const calls = [
      (client: Client) => client.fetch(linksPath()),
      (client: Client) => client.json(linksPath(), {}),
      (client: Client) => client.fetch(`${linksPath()}/${link.id}`, { method: "DELETE" }),
    ];
    try {
      for (const [client, status] of [
        [teamOwnerClient, 403],
        [editorClient, 403],
        [stranger, 404],
        [anonymous, 401],
      ] as const) {
        for (const call of calls) {
          const before = await shareLinkRows();
          expect((await call(client)).status).toBe(status);
          expect(await shareLinkRows()).toEqual(before);
        }
      }
    } finally {
      await db().conversation.update({
        where: { id: session.conversationId },
        data: { teamId: null, visibility: "PRIVATE" },
      });
    }
  });

  it("continues as my copy: a private conversation with exactly the snapshot's messages", async () => {
    const link = await createLink();
    const visitor = await makeUser({ name: "Visitor" });
    const visitorClient = await signedInClient(visitor.email, visitor.password);
    const page = await (await visitorClient.fetch(`/s/${link.token}`)).text();
    expect(page).toContain("Continue as my copy");

    const countOwned = () => db().conversation.count({ where: { ownerId: visitor.id } });
    expect((await anonymous.json(`/api/share/${link.token}/copy`, {})).status).toBe(401);
    expect((await visitorClient.json(`/api/share/${"B".repeat(43)}/copy`, {})).status).toBe(404);
    expect((await visitorClient.json("/api/share/not-a-token/copy", {})).status).toBe(404);
    expect((await visitorClient.json(`/api/share/${link.token}/copy`, { title: "x" })).status).toBe(400);
    expect(await countOwned()).toBe(0);

    const copied = await visitorClient.json(`/api/share/${link.token}/copy`, {});
    expect(copied.status).toBe(201);
    const { id } = (await copied.json()) as { id: string };
    const copy = await db().conversation.findUniqueOrThrow({ where: { id }, include: { messages: true } });
    expect(copy).toMatchObject({ ownerId: visitor.id, teamId: null, visibility: "PRIVATE", title: "Lisbon plans" });
    const snapshot = await db().message.findMany({
      where: { id: { in: await threadIds(link.messageId) } },
      orderBy: { depth: "asc" },
    });
    const byDepth = [...copy.messages].sort((a, b) => a.depth - b.depth);
    expect(byDepth.map(({ role, content }) => ({ role, content }))).toEqual(
      snapshot.map(({ role, content }) => ({ role, content })),
    );
    expect(copy.currentLeafId).toBe(byDepth.at(-1)?.id);
    // The copy is the visitor's own: they can continue it.
    expect((await visitorClient.fetch(`/api/conversations/${id}`)).status).toBe(200);
    expect((await visitorClient.fetch(`/api/conversations/${session.conversationId}`)).status).toBe(404);
  });
});

/** The ids of the thread from the root down to `messageId`. */
async function threadIds(messageId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let id: string | null = messageId; id; ) {
    ids.push(id);
    const message: { parentId: string | null } = await db().message.findUniqueOrThrow({
      where: { id },
      select: { parentId: true },
    });
    id = message.parentId;
  }
  return ids;
}
