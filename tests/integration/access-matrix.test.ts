// Authorization as a matrix: every route, every kind of caller, the expected status and no side effect.
// A route the inventory (tests/support/route-inventory.ts) gives this matrix without rows here fails the last test,
// so a new route cannot skip the access rules.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeUser, TEST_PASSWORD } from "../support/factories";
import { collectEvents, startedIds } from "../support/read-events";
import { routesOfMatrix, uncoveredRoutes } from "../support/route-inventory";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

type Caller = "anonymous" | "owner" | "otherUser";
type Row = { method: string; route: string; query?: string; body?: unknown; expected: Record<Caller, number> };

const conversationRoute = "/api/conversations/[id]";
const rows: Row[] = [
  { method: "GET", route: "/api/models", expected: { anonymous: 401, owner: 200, otherUser: 200 } },
  { method: "GET", route: "/api/conversations", expected: { anonymous: 401, owner: 200, otherUser: 200 } },
  { method: "POST", route: "/api/conversations", body: {}, expected: { anonymous: 401, owner: 201, otherUser: 201 } },
  {
    method: "GET",
    route: "/api/conversations/search",
    query: "q=Private",
    expected: { anonymous: 401, owner: 200, otherUser: 200 },
  },
  { method: "GET", route: "/api/conversations/shared", expected: { anonymous: 401, owner: 200, otherUser: 200 } },
  { method: "GET", route: "/api/account/export", expected: { anonymous: 401, owner: 200, otherUser: 200 } },
  {
    method: "POST",
    route: "/api/account/import",
    body: [
      {
        title: "Imported",
        mapping: {
          a: { id: "a", message: { author: { role: "user" }, content: { content_type: "text", parts: ["Hi"] } } },
        },
      },
    ],
    expected: { anonymous: 401, owner: 201, otherUser: 201 },
  },
  // Uploads: anyone signed in may upload; a sent message's file opens for its conversation's readers only, and is
  // no longer an upload anyone may delete.
  {
    method: "POST",
    route: "/api/attachments",
    query: "name=notes.txt",
    body: "Some notes",
    expected: { anonymous: 401, owner: 201, otherUser: 201 },
  },
  { method: "GET", route: "/api/attachments/[attachmentId]", expected: { anonymous: 401, owner: 200, otherUser: 404 } },
  {
    method: "DELETE",
    route: "/api/attachments/[attachmentId]",
    expected: { anonymous: 401, owner: 404, otherUser: 404 },
  },
  // Account routes act on the caller's own account only: another user's call changes their own.
  {
    method: "PATCH",
    route: "/api/account",
    body: { name: "Renamed" },
    expected: { anonymous: 401, owner: 200, otherUser: 200 },
  },
  {
    method: "POST",
    route: "/api/account/password",
    body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD, signOutOtherDevices: false },
    expected: { anonymous: 401, owner: 204, otherUser: 204 },
  },
  {
    method: "PUT",
    route: "/api/account/instructions",
    body: { customInstructions: "Be brief." },
    expected: { anonymous: 401, owner: 200, otherUser: 200 },
  },
  // The confirmation names no account of theirs: refused (400) for both, so that the matrix keeps its users.
  {
    method: "DELETE",
    route: "/api/account",
    body: { email: "someone-else@example.test" },
    expected: { anonymous: 401, owner: 400, otherUser: 400 },
  },
  { method: "GET", route: conversationRoute, expected: { anonymous: 401, owner: 200, otherUser: 404 } },
  // Opened at one of its messages (a search result): still the conversation's own rule.
  {
    method: "GET",
    route: conversationRoute,
    query: "message=[messageId]",
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  {
    method: "PATCH",
    route: conversationRoute,
    body: { title: "Renamed" },
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  {
    method: "POST",
    route: `${conversationRoute}/messages`,
    body: { content: "Hi" },
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  { method: "POST", route: `${conversationRoute}/stop`, expected: { anonymous: 401, owner: 202, otherUser: 404 } },
  { method: "GET", route: `${conversationRoute}/stream`, expected: { anonymous: 401, owner: 204, otherUser: 404 } },
  {
    method: "POST",
    route: `${conversationRoute}/messages/[messageId]/regenerate`,
    body: {},
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  {
    method: "PUT",
    route: `${conversationRoute}/messages/[messageId]/feedback`,
    body: { rating: "bad", comment: "Too long." },
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  { method: "GET", route: `${conversationRoute}/feedback`, expected: { anonymous: 401, owner: 200, otherUser: 404 } },
  {
    method: "DELETE",
    route: `${conversationRoute}/messages/[messageId]/feedback`,
    expected: { anonymous: 401, owner: 204, otherUser: 404 },
  },
  {
    method: "PUT",
    route: `${conversationRoute}/current-message`,
    body: { messageId: "[messageId]" },
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  {
    method: "GET",
    route: `${conversationRoute}/thread`,
    query: "before=[messageId]",
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  {
    method: "GET",
    route: `${conversationRoute}/export`,
    query: "format=json",
    expected: { anonymous: 401, owner: 200, otherUser: 404 },
  },
  { method: "DELETE", route: conversationRoute, expected: { anonymous: 401, owner: 204, otherUser: 404 } },
  // After the delete above: only the owner can undo it.
  { method: "POST", route: `${conversationRoute}/restore`, expected: { anonymous: 401, owner: 200, otherUser: 404 } },
];

let clients: Record<Caller, Client>;
let conversationId: string;
let replyId: string;
let attachmentId: string;

beforeAll(async () => {
  const [owner, other] = await Promise.all([makeUser(), makeUser()]);
  clients = {
    anonymous: anonymousClient(),
    owner: await signedInClient(owner.email, owner.password),
    otherUser: await signedInClient(other.email, other.password),
  };
  const created = await clients.owner.json("/api/conversations", { title: "Private plans" });
  conversationId = ((await created.json()) as { id: string }).id;
  const upload = await clients.owner.fetch("/api/attachments?name=plan.txt", { method: "POST", body: "The plan" });
  attachmentId = ((await upload.json()) as { id: string }).id;
  const firstTurn = await collectEvents(
    await clients.owner.json(`/api/conversations/${conversationId}/messages`, {
      content: "Hi",
      attachmentIds: [attachmentId],
    }),
  );
  replyId = startedIds(firstTurn).assistantMessageId;
});

async function call(caller: Caller, row: Row): Promise<number> {
  const path = row.route
    .replace("[id]", conversationId)
    .replace("[messageId]", replyId)
    .replace("[attachmentId]", attachmentId);
  const url = row.query ? `${path}?${row.query.replace("[messageId]", replyId)}` : path;
  const init: RequestInit = { method: row.method };
  if (row.body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = JSON.stringify(row.body).replace("[messageId]", replyId);
  }
  const response = await clients[caller].fetch(url, init);
  if (response.headers.get("content-type")?.includes("text/event-stream")) await collectEvents(response);
  else await response.arrayBuffer();
  return response.status;
}

async function snapshot() {
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const messages = await db().message.count({ where: { conversationId } });
  const verdicts = await db().replyFeedback.findMany({ where: { message: { conversationId } } });
  return { title: conversation.title, deletedAt: conversation.deletedAt, messages, verdicts };
}

describe.sequential("access matrix", () => {
  for (const row of rows) {
    it(`${row.method} ${row.route}: anonymous ${row.expected.anonymous}, other user ${row.expected.otherUser}, owner ${row.expected.owner}`, async () => {
      for (const caller of ["anonymous", "otherUser"] as const) {
        const before = await snapshot();
        expect(await call(caller, row), caller).toBe(row.expected[caller]);
        expect(await snapshot(), `${caller} left no trace`).toEqual(before);
      }
      expect(await call("owner", row)).toBe(row.expected.owner);
    });
  }

  it("answers a streaming route called with another method with 405 and the methods it allows", async () => {
    const response = await clients.owner.fetch(`/api/conversations/${conversationId}/messages`, { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("answers 404, not 400, for ids that cannot exist, so that probing learns nothing", async () => {
    expect((await clients.owner.fetch("/api/conversations/not-an-id")).status).toBe(404);
  });

  it("has rows for every route the inventory gives this matrix (tests/support/route-inventory.ts)", () => {
    expect(routesOfMatrix("access").length).toBeGreaterThan(15);
    expect(uncoveredRoutes("access", rows)).toEqual([]);
  });
});
