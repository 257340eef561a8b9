// Authorization of teams and sharing as a matrix: every team, invitation and share route and page, and the
// conversation routes as team members reach them, for every kind of caller, with the expected status and no side
// effect for each denied cell. A route the inventory (tests/support/route-inventory.ts) gives this matrix without
// rows here fails the coverage test at the end.
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makePng } from "../support/attachment-files";
import { makeAdmin, makeUser } from "../support/factories";
import { collectEvents, startedIds } from "../support/read-events";
import { routesOfMatrix, uncoveredRoutes } from "../support/route-inventory";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

// `linkVisitor`: signed in, in no team, and has opened the conversation's share link: the link gives nothing more.
type Caller =
  | "anonymous"
  | "stranger"
  | "linkVisitor"
  | "admin"
  | "viewer"
  | "editor"
  | "author"
  | "teamOwner"
  | "invitee";
type Row = {
  method: string;
  route: string;
  query?: string;
  body?: unknown;
  /** Each caller here must get this status and change nothing. */
  denied: Partial<Record<Caller, number>>;
  /** Then these callers, in this order, get these statuses (their calls really happen). */
  allowed: [Caller, number][];
};

const members = ["viewer", "editor", "author", "teamOwner"] as const;
const outsiders = { anonymous: 401, stranger: 404, linkVisitor: 404, admin: 404 };
const forMembers = (status: number): [Caller, number][] => members.map((caller) => [caller, status]);

const team = "/api/teams/[teamId]";
const conversation = "/api/conversations/[conversationId]";

// Mutations that take something away come last, each on a row of its own (a spare member, a spare invitation, a
// spare link), so that every row finds the state it expects.
const rows: Row[] = [
  {
    method: "GET",
    route: "/api/teams",
    denied: { anonymous: 401 },
    allowed: [
      ["stranger", 200],
      ["admin", 200],
    ],
  },
  {
    method: "POST",
    route: "/api/teams",
    body: { name: "Matrix side team" },
    denied: { anonymous: 401 },
    allowed: [["stranger", 201]],
  },
  { method: "GET", route: team, denied: outsiders, allowed: forMembers(200) },
  {
    method: "PATCH",
    route: team,
    body: { name: "Renamed team" },
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 200]],
  },
  { method: "GET", route: `${team}/conversations`, denied: outsiders, allowed: forMembers(200) },
  {
    method: "GET",
    route: `${team}/conversations/search`,
    query: "q=roadmap",
    denied: outsiders,
    allowed: forMembers(200),
  },
  {
    method: "GET",
    route: `${team}/invitations`,
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 200]],
  },
  {
    method: "POST",
    route: `${team}/invitations`,
    body: { role: "VIEWER" },
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 201]],
  },
  {
    method: "DELETE",
    route: `${team}/invitations/[spareInvitationId]`,
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 204]],
  },
  {
    method: "PATCH",
    route: `${team}/members/[spareMemberId]`,
    body: { role: "EDITOR" },
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 204]],
  },
  {
    method: "GET",
    route: "/api/invitations/[invitationToken]",
    denied: {},
    allowed: [
      ["anonymous", 200],
      ["stranger", 200],
      ["viewer", 200],
    ],
  },
  {
    method: "POST",
    route: "/api/invitations/[invitationToken]/accept",
    denied: { anonymous: 401 },
    // A member accepting changes nothing; the invitee joins.
    allowed: [
      ["viewer", 200],
      ["invitee", 200],
    ],
  },
  { method: "GET", route: conversation, denied: outsiders, allowed: forMembers(200) },
  // A file of the conversation (issue 15) follows its rules: every member opens it, a share link's visitor and an
  // admin outside the team do not (the access matrix has the owner and other users).
  { method: "GET", route: "/api/attachments/[attachmentId]", denied: outsiders, allowed: forMembers(200) },
  {
    method: "PATCH",
    route: conversation,
    body: { title: "Renamed by its owner" },
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 200]],
  },
  {
    method: "GET",
    route: `${conversation}/team`,
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 200]],
  },
  {
    method: "GET",
    route: "/api/models",
    query: "conversationId=[conversationId]",
    denied: outsiders,
    allowed: forMembers(200),
  },
  {
    method: "PUT",
    route: `${conversation}/team`,
    body: { teamId: "[teamId]" },
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 200]],
  },
  {
    method: "POST",
    route: `${conversation}/messages`,
    body: { content: "Next step?" },
    denied: { ...outsiders, viewer: 403 },
    allowed: [
      ["editor", 200],
      ["teamOwner", 200],
      ["author", 200],
    ],
  },
  {
    method: "POST",
    route: `${conversation}/messages/[replyId]/regenerate`,
    body: {},
    denied: { ...outsiders, viewer: 403 },
    allowed: [["editor", 200]],
  },
  {
    method: "PUT",
    route: `${conversation}/current-message`,
    body: { messageId: "[replyId]" },
    denied: { ...outsiders, viewer: 403 },
    allowed: [["editor", 200]],
  },
  { method: "POST", route: `${conversation}/stop`, denied: { ...outsiders, viewer: 403 }, allowed: [["editor", 202]] },
  { method: "GET", route: `${conversation}/stream`, denied: outsiders, allowed: forMembers(204) },
  // A verdict on a reply is each reader's own: viewers give theirs too.
  {
    method: "PUT",
    route: `${conversation}/messages/[replyId]/feedback`,
    body: { rating: "good" },
    denied: outsiders,
    allowed: forMembers(200),
  },
  { method: "GET", route: `${conversation}/feedback`, denied: outsiders, allowed: forMembers(200) },
  {
    method: "DELETE",
    route: `${conversation}/messages/[replyId]/feedback`,
    denied: outsiders,
    allowed: forMembers(204),
  },
  { method: "GET", route: `${conversation}/events`, denied: outsiders, allowed: forMembers(200) },
  {
    method: "GET",
    route: `${conversation}/thread`,
    query: "before=[replyId]",
    denied: outsiders,
    allowed: forMembers(200),
  },
  {
    method: "GET",
    route: `${conversation}/export`,
    query: "format=json",
    denied: outsiders,
    allowed: forMembers(200),
  },
  {
    method: "POST",
    route: `${conversation}/copy`,
    body: { messageId: "[replyId]" },
    denied: outsiders,
    allowed: forMembers(201),
  },
  {
    method: "GET",
    route: `${conversation}/share-links`,
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 200]],
  },
  {
    method: "POST",
    route: `${conversation}/share-links`,
    body: {},
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 201]],
  },
  {
    method: "DELETE",
    route: `${conversation}/share-links/[spareLinkId]`,
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 204]],
  },
  {
    // The link is the credential, as for its page: anyone holding it opens its images (documents are not included
    // by default).
    method: "GET",
    route: "/api/share/[shareToken]/attachments/[imageId]",
    denied: {},
    allowed: [
      ["anonymous", 200],
      ["linkVisitor", 200],
      ["stranger", 200],
      ["viewer", 200],
    ],
  },
  {
    method: "POST",
    route: "/api/share/[shareToken]/copy",
    denied: { anonymous: 401 },
    allowed: [
      ["linkVisitor", 201],
      ["stranger", 201],
      ["viewer", 201],
    ],
  },
  {
    method: "DELETE",
    route: `${team}/members/[spareMemberId]`,
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 204]],
  },
  // Leaving: a member removes themselves.
  {
    method: "DELETE",
    route: `${team}/members/[inviteeId]`,
    denied: { ...outsiders, viewer: 403, editor: 403 },
    allowed: [["invitee", 204]],
  },
  {
    method: "DELETE",
    route: conversation,
    denied: { ...outsiders, viewer: 403, editor: 403, teamOwner: 403 },
    allowed: [["author", 204]],
  },
  {
    method: "POST",
    route: `${conversation}/restore`,
    denied: { ...outsiders, viewer: 404, editor: 404, teamOwner: 404 },
    allowed: [["author", 200]],
  },
  {
    method: "PUT",
    route: `${conversation}/team`,
    body: { teamId: null },
    denied: { ...outsiders, viewer: 403, editor: 403 },
    // A team owner may take a conversation out of their team; its owner may share it again.
    allowed: [["teamOwner", 200]],
  },
  {
    method: "DELETE",
    route: team,
    denied: { ...outsiders, viewer: 403, editor: 403, author: 403 },
    allowed: [["teamOwner", 204]],
  },
];

type PageRow = { page: string; expected: Partial<Record<Caller, number>> };
const pages: PageRow[] = [
  { page: "/teams", expected: { anonymous: 307, stranger: 200, viewer: 200, teamOwner: 200 } },
  { page: "/teams/[teamId]", expected: { anonymous: 307, stranger: 404, admin: 404, viewer: 200, teamOwner: 200 } },
  {
    page: "/c/[conversationId]",
    expected: { anonymous: 307, stranger: 404, linkVisitor: 404, admin: 404, viewer: 200, author: 200 },
  },
  { page: "/invite/[invitationToken]", expected: { anonymous: 200, stranger: 200, viewer: 200 } },
  { page: "/invite/[unknownToken]", expected: { anonymous: 404, stranger: 404 } },
  { page: "/s/[shareToken]", expected: { anonymous: 200, linkVisitor: 200, stranger: 200, author: 200 } },
  { page: "/s/[unknownToken]", expected: { anonymous: 404, author: 404 } },
];

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");

let clients: Record<Caller, Client>;
let ids: Record<string, string>;
let userIds: string[];
let emails: Record<string, string>;

beforeAll(async () => {
  const users = {
    stranger: await makeUser(),
    linkVisitor: await makeUser(),
    admin: await makeAdmin(),
    viewer: await makeUser({ name: "Vera Viewer" }),
    editor: await makeUser({ name: "Ed Editor" }),
    author: await makeUser({ name: "Ann Author" }),
    teamOwner: await makeUser({ name: "Owen Owner" }),
    invitee: await makeUser(),
  };
  const spareMember = await makeUser();
  userIds = Object.values(users).map((user) => user.id);
  emails = Object.fromEntries(Object.entries(users).map(([caller, user]) => [caller, user.email]));
  clients = { anonymous: anonymousClient() } as Record<Caller, Client>;
  for (const [caller, user] of Object.entries(users)) {
    clients[caller as Caller] = await signedInClient(user.email, user.password);
  }
  const created = await db().team.create({
    data: {
      name: "Matrix team",
      memberships: {
        create: [
          { userId: users.teamOwner.id, role: "OWNER" },
          { userId: users.author.id, role: "EDITOR" },
          { userId: users.editor.id, role: "EDITOR" },
          { userId: users.viewer.id, role: "VIEWER" },
          { userId: spareMember.id, role: "VIEWER" },
        ],
      },
    },
  });
  const conversationResponse = await clients.author.json("/api/conversations", { title: "Team roadmap" });
  const conversationId = ((await conversationResponse.json()) as { id: string }).id;
  const upload = await clients.author.fetch("/api/attachments?name=roadmap.txt", { method: "POST", body: "Q1: ship" });
  const attachmentId = ((await upload.json()) as { id: string }).id;
  const image = await clients.author.fetch("/api/attachments?name=board.png", {
    method: "POST",
    body: new Uint8Array(makePng()),
  });
  const imageId = ((await image.json()) as { id: string }).id;
  const firstTurn = await collectEvents(
    await clients.author.json(`/api/conversations/${conversationId}/messages`, {
      content: "Plan the roadmap",
      attachmentIds: [attachmentId],
    }),
  );
  // The image is given to the message directly: the team's model does not read images.
  await db().attachment.update({
    where: { id: imageId },
    data: { messageId: startedIds(firstTurn).userMessageId },
  });
  await db().conversation.update({ where: { id: conversationId }, data: { teamId: created.id, visibility: "TEAM" } });

  const invitationToken = newToken();
  const shareToken = newToken();
  const replyId = startedIds(firstTurn).assistantMessageId;
  const inAWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  await db().invitation.create({
    data: { teamId: created.id, role: "VIEWER", tokenHash: hashToken(invitationToken), expiresAt: inAWeek },
  });
  const spareInvitation = await db().invitation.create({
    data: { teamId: created.id, role: "EDITOR", tokenHash: hashToken(newToken()), expiresAt: inAWeek },
  });
  const linkFields = { conversationId, messageId: replyId, title: "Team roadmap" };
  await db().shareLink.create({ data: { ...linkFields, tokenHash: hashToken(shareToken) } });
  const spareLink = await db().shareLink.create({ data: { ...linkFields, tokenHash: hashToken(newToken()) } });
  const opened = await clients.linkVisitor.fetch(`/s/${shareToken}`);
  expect(opened.status).toBe(200);
  await opened.arrayBuffer();
  ids = {
    teamId: created.id,
    conversationId,
    replyId,
    attachmentId,
    imageId,
    spareMemberId: spareMember.id,
    inviteeId: users.invitee.id,
    spareInvitationId: spareInvitation.id,
    spareLinkId: spareLink.id,
    invitationToken,
    shareToken,
    unknownToken: newToken(),
  };
});

function fill(text: string): string {
  return text.replace(/\[(\w+)\]/g, (placeholder, name: string) => ids[name] ?? placeholder);
}

async function call(caller: Caller, row: Row): Promise<number> {
  const url = row.query ? `${fill(row.route)}?${fill(row.query)}` : fill(row.route);
  const init: RequestInit = { method: row.method };
  if (row.body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = fill(JSON.stringify(row.body));
  }
  const response = await clients[caller].fetch(url, init);
  const isEventStream = response.headers.get("content-type")?.includes("text/event-stream");
  // A watch stays open while the page does: its headers are the answer.
  if (isEventStream && row.route.endsWith("/events")) await response.body?.cancel();
  else if (isEventStream) await collectEvents(response);
  else await response.arrayBuffer();
  return response.status;
}

/** Everything a call of this matrix could change, limited to this file's rows (other files run alongside). */
async function snapshot() {
  const [teamRow, memberships, invitations, links, conversationRow, messages, conversations, sideTeams, verdicts] =
    await Promise.all([
      db().team.findUnique({ where: { id: ids.teamId }, select: { name: true } }),
      db().membership.findMany({ where: { teamId: ids.teamId }, orderBy: { userId: "asc" } }),
      db().invitation.findMany({ where: { teamId: ids.teamId }, orderBy: { id: "asc" } }),
      db().shareLink.findMany({ where: { conversationId: ids.conversationId }, orderBy: { id: "asc" } }),
      db().conversation.findUnique({ where: { id: ids.conversationId } }),
      db().message.count({ where: { conversationId: ids.conversationId } }),
      db().conversation.count({ where: { ownerId: { in: userIds } } }),
      db().team.count({ where: { name: "Matrix side team" } }),
      db().replyFeedback.findMany({
        where: { message: { conversationId: ids.conversationId } },
        orderBy: { userId: "asc" },
      }),
    ]);
  return { teamRow, memberships, invitations, links, conversationRow, messages, conversations, sideTeams, verdicts };
}

describe.sequential("team and sharing access matrix", () => {
  // Pages first: the rows end by deleting the team.
  for (const row of pages) {
    it(`page ${row.page}: ${Object.entries(row.expected)
      .map(([caller, status]) => `${caller} ${status}`)
      .join(", ")}`, async () => {
      for (const [caller, status] of Object.entries(row.expected) as [Caller, number][]) {
        const response = await clients[caller].fetch(fill(row.page));
        expect(response.status, caller).toBe(status);
        if (status === 307) {
          expect(new URL(response.headers.get("location") ?? "", "http://x").pathname).toBe("/sign-in");
        }
        await response.arrayBuffer();
      }
    });
  }

  it("shows every member the others' names, and only the team's owners their emails", async () => {
    for (const caller of members) {
      const api = await (await clients[caller].fetch(fill(team))).text();
      // The page may show the caller's own account; the other members' emails are what a viewer must not learn.
      const page = await (await clients[caller].fetch(fill("/teams/[teamId]"))).text();
      for (const text of [api, page]) expect(text, caller).toContain("Vera Viewer");
      for (const other of members.filter((member) => member !== caller)) {
        const email = emails[other] ?? "";
        const isShown = caller === "teamOwner";
        for (const text of [api, page]) expect(text.includes(email), `${caller} sees ${other}'s email`).toBe(isShown);
      }
    }
  });

  for (const row of rows) {
    const cells = [...Object.entries(row.denied), ...row.allowed].map(([caller, status]) => `${caller} ${status}`);
    it(`${row.method} ${row.route}: ${cells.join(", ")}`, async () => {
      for (const [caller, status] of Object.entries(row.denied) as [Caller, number][]) {
        const before = await snapshot();
        expect(await call(caller, row), caller).toBe(status);
        expect(await snapshot(), `${caller} left no trace`).toEqual(before);
      }
      for (const [caller, status] of row.allowed) expect(await call(caller, row), caller).toBe(status);
    });
  }

  it("has rows for every route the inventory gives this matrix (tests/support/route-inventory.ts)", () => {
    expect(routesOfMatrix("team").length).toBeGreaterThan(15);
    expect(uncoveredRoutes("team", rows)).toEqual([]);
  });
});
