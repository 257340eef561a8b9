// Teams as their members and outsiders see them: creating and renaming, roles and the last owner, leaving and
// removal taking access away at once, invitation links (hashed, limited, revocable), deleting a team, and the
// team's history with search. Each denied call is checked for leaving no trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/auth/secret-tokens";
import { db } from "@/lib/db/client";
import { startChatSession } from "../support/chat-session";
import { makeAdmin, makePerson, type Person } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, type ReceivedEvent, readEvents } from "../support/read-events";
import { anonymousClient, signedInClient } from "../support/session-client";

type Invitation = { id: string; token: string; path: string; uses: number; maxUses: number | null };

async function createTeam(owner: Person, name = "Research"): Promise<string> {
  const response = await owner.client.json("/api/teams", { name });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function invite(owner: Person, teamId: string, body: object): Promise<Invitation> {
  const response = await owner.client.json(`/api/teams/${teamId}/invitations`, body);
  expect(response.status).toBe(201);
  return response.json();
}

async function join(someone: Person, invitation: Invitation): Promise<Response> {
  return someone.client.fetch(`/api/invitations/${invitation.token}/accept`, { method: "POST" });
}

/** A team with an owner, an editor and a viewer, all joined through invitation links. */
async function teamOfThree() {
  const [owner, editor, viewer] = await Promise.all([makePerson("Olga"), makePerson("Ed"), makePerson("Vi")]);
  const teamId = await createTeam(owner);
  for (const [member, role] of [
    [editor, "EDITOR"],
    [viewer, "VIEWER"],
  ] as const) {
    expect((await join(member, await invite(owner, teamId, { role }))).status).toBe(200);
  }
  return { owner, editor, viewer, teamId };
}

async function teamDetails(someone: Person, teamId: string): Promise<Response> {
  return someone.client.fetch(`/api/teams/${teamId}`);
}

async function memberRoles(teamId: string) {
  const memberships = await db().membership.findMany({ where: { teamId }, select: { userId: true, role: true } });
  return Object.fromEntries(memberships.map((membership) => [membership.userId, membership.role]));
}

/** Shares a conversation with the team the way the conversation's share control does: both fields in step. */
async function sharedConversation(owner: Person, teamId: string, title: string, message: string): Promise<string> {
  const { id } = (await (await owner.client.json("/api/conversations", { title })).json()) as { id: string };
  await collectEvents(await owner.client.json(`/api/conversations/${id}/messages`, { content: message }));
  await db().conversation.update({ where: { id }, data: { teamId, visibility: "TEAM" } });
  return id;
}

describe("teams", () => {
  it("lists a member's teams in the order people read names: case and accents aside, numbers by value", async () => {
    const owner = await makePerson("Lin");
    for (const name of ["zeta", "Beta", "alpha 10", "Émile", "alpha 9"]) await createTeam(owner, name);
    const teams = (await (await owner.client.fetch("/api/teams")).json()) as { name: string }[];
    expect(teams.map((team) => team.name)).toEqual(["alpha 9", "alpha 10", "Beta", "Émile", "zeta"]);
  });

  it("lets anyone create a team as its owner, and shows it only to its members", async () => {
    const [owner, outsider] = await Promise.all([makePerson("Ada"), makePerson("Out")]);
    const teamId = await createTeam(owner, "  Platform  ");
    expect(await (await owner.client.fetch("/api/teams")).json()).toEqual([
      { id: teamId, name: "Platform", role: "OWNER", memberCount: 1 },
    ]);
    expect(await (await teamDetails(owner, teamId)).json()).toMatchObject({
      id: teamId,
      name: "Platform",
      role: "OWNER",
      members: [{ userId: owner.id, name: "Ada", role: "OWNER" }],
    });
    expect(await (await outsider.client.fetch("/api/teams")).json()).toEqual([]);
    expect((await teamDetails(outsider, teamId)).status).toBe(404);
    // Being an admin of the app makes nobody a member.
    const adminUser = await makeAdmin();
    const admin = await signedInClient(adminUser.email, adminUser.password);
    expect((await admin.fetch(`/api/teams/${teamId}`)).status).toBe(404);
    expect((await anonymousClient().fetch(`/api/teams/${teamId}`)).status).toBe(401);
    expect((await anonymousClient().json("/api/teams", { name: "Sneaky" })).status).toBe(401);

    const blank = await owner.client.json("/api/teams", { name: "   " });
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({
      error: { issues: [{ path: ["name"], message: "Enter a name for the team." }] },
    });
    expect((await owner.client.json("/api/teams", { name: "X", ownerId: outsider.id })).status).toBe(400);
    expect(await (await owner.client.fetch("/api/teams")).json()).toHaveLength(1);
  });

  it("lets only owners rename or delete; editors and viewers get 403 and change nothing", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    for (const member of [editor, viewer]) {
      expect((await member.client.json(`/api/teams/${teamId}`, { name: "Mine now" }, "PATCH")).status).toBe(403);
      expect((await member.client.fetch(`/api/teams/${teamId}`, { method: "DELETE" })).status).toBe(403);
    }
    expect(await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true } })).toEqual({
      name: "Research",
    });
    const renamed = await owner.client.json(`/api/teams/${teamId}`, { name: "Research & Development" }, "PATCH");
    expect(renamed.status).toBe(200);
    expect(await (await teamDetails(viewer, teamId)).json()).toMatchObject({
      name: "Research & Development",
      role: "VIEWER",
    });
  });

  it("lets owners change roles but never leaves a team without an owner", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    const rolesUrl = (userId: string) => `/api/teams/${teamId}/members/${userId}`;
    expect((await editor.client.json(rolesUrl(viewer.id), { role: "OWNER" }, "PATCH")).status).toBe(403);
    expect((await editor.client.json(rolesUrl(editor.id), { role: "OWNER" }, "PATCH")).status).toBe(403);
    const lastOwner = await owner.client.json(rolesUrl(owner.id), { role: "EDITOR" }, "PATCH");
    expect(lastOwner.status).toBe(409);
    expect(await lastOwner.json()).toMatchObject({ error: { code: "last_owner" } });
    expect((await owner.client.json(rolesUrl(viewer.id), { role: "ADMIN" }, "PATCH")).status).toBe(400);
    expect(await memberRoles(teamId)).toEqual({ [owner.id]: "OWNER", [editor.id]: "EDITOR", [viewer.id]: "VIEWER" });

    expect((await owner.client.json(rolesUrl(editor.id), { role: "OWNER" }, "PATCH")).status).toBe(204);
    // Now there are two owners: either may step down, but not both.
    expect((await owner.client.json(rolesUrl(owner.id), { role: "VIEWER" }, "PATCH")).status).toBe(204);
    expect((await editor.client.json(rolesUrl(editor.id), { role: "VIEWER" }, "PATCH")).status).toBe(409);
    expect(await memberRoles(teamId)).toEqual({ [owner.id]: "VIEWER", [editor.id]: "OWNER", [viewer.id]: "VIEWER" });
    const outsider = await makePerson("Nobody");
    expect((await editor.client.json(rolesUrl(outsider.id), { role: "VIEWER" }, "PATCH")).status).toBe(404);
  });

  it("keeps an owner even when two owners step down at the same moment", async () => {
    const { owner, editor, teamId } = await teamOfThree();
    expect(
      (await owner.client.json(`/api/teams/${teamId}/members/${editor.id}`, { role: "OWNER" }, "PATCH")).status,
    ).toBe(204);
    const [first, second] = await Promise.all([
      owner.client.json(`/api/teams/${teamId}/members/${owner.id}`, { role: "EDITOR" }, "PATCH"),
      editor.client.json(`/api/teams/${teamId}/members/${editor.id}`, { role: "EDITOR" }, "PATCH"),
    ]);
    expect([first.status, second.status].sort()).toEqual([204, 409]);
    expect(Object.values(await memberRoles(teamId)).filter((role) => role === "OWNER")).toHaveLength(1);
  });

  it("takes a leaving member's own conversations out of the team with them", async () => {
    const { owner, editor, teamId } = await teamOfThree();
    const editorsId = await sharedConversation(editor, teamId, "Ed's notes", "Draft of the notes");
    const ownersId = await sharedConversation(owner, teamId, "Olga's plan", "The plan");
    expect((await editor.client.fetch(`/api/teams/${teamId}/members/${editor.id}`, { method: "DELETE" })).status).toBe(
      204,
    );
    expect((await owner.client.fetch(`/api/conversations/${editorsId}`)).status).toBe(404);
    expect((await editor.client.fetch(`/api/conversations/${editorsId}`)).status).toBe(200);
    expect((await editor.client.fetch(`/api/conversations/${ownersId}`)).status).toBe(404);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: editorsId } })).toMatchObject({
      teamId: null,
      visibility: "PRIVATE",
    });
  });

  it("hands a team over when an admin deletes its only owner, and deletes a team left with nobody", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    const soloTeamId = await createTeam(owner, "Solo");
    const soloConversation = await sharedConversation(owner, soloTeamId, "Solo notes", "Only mine");
    const teamConversation = await sharedConversation(owner, teamId, "For the team", "Shared plan");
    const link = await owner.client.json(`/api/conversations/${teamConversation}/share-links`, {});
    expect(link.status).toBe(201);
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    expect((await adminClient.fetch(`/api/admin/users/${owner.id}`, { method: "DELETE" })).status).toBe(204);

    // The member who joined first (the editor) owns the team now; the viewer keeps their role.
    expect(await memberRoles(teamId)).toEqual({ [editor.id]: "OWNER", [viewer.id]: "VIEWER" });
    expect((await editor.client.fetch(`/api/conversations/${teamConversation}`)).status).toBe(200);
    expect(await db().team.count({ where: { id: soloTeamId } })).toBe(0);
    expect(await db().conversation.count({ where: { id: soloConversation } })).toBe(0);
    // Nobody owns the team conversation's links any more: they are revoked.
    expect(await db().shareLink.count({ where: { conversationId: teamConversation, revokedAt: null } })).toBe(0);
  });

  it("lets members leave and owners remove them, and their access to the team's conversations ends at once", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    const conversationId = await sharedConversation(owner, teamId, "Roadmap", "What ships in March?");
    const membersUrl = (userId: string) => `/api/teams/${teamId}/members/${userId}`;
    expect((await viewer.client.fetch(`/api/conversations/${conversationId}`)).status).toBe(200);

    expect((await viewer.client.fetch(membersUrl(editor.id), { method: "DELETE" })).status).toBe(403);
    expect((await owner.client.fetch(membersUrl(owner.id), { method: "DELETE" })).status).toBe(409);
    expect(Object.keys(await memberRoles(teamId))).toHaveLength(3);

    expect((await viewer.client.fetch(membersUrl(viewer.id), { method: "DELETE" })).status).toBe(204);
    expect((await teamDetails(viewer, teamId)).status).toBe(404);
    expect((await viewer.client.fetch(`/api/conversations/${conversationId}`)).status).toBe(404);

    expect((await owner.client.fetch(membersUrl(editor.id), { method: "DELETE" })).status).toBe(204);
    expect((await editor.client.fetch(`/api/teams/${teamId}/conversations`)).status).toBe(404);
    expect((await editor.client.fetch(`/api/conversations/${conversationId}`)).status).toBe(404);
    expect(await memberRoles(teamId)).toEqual({ [owner.id]: "OWNER" });
    expect((await owner.client.fetch(membersUrl(editor.id), { method: "DELETE" })).status).toBe(404);
  });

  it("shows a member the team's history, newest first with owners' names, and searches titles and message text", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    const older = await sharedConversation(owner, teamId, "Budget", "How much for the quokka enclosure?");
    const newer = await sharedConversation(editor, teamId, "Hiring", "Draft a job post for a backend engineer");
    await owner.client.json("/api/conversations", { title: "My private quokka notes" });

    const history = await viewer.client.fetch(`/api/teams/${teamId}/conversations`);
    expect(history.status).toBe(200);
    const { items, nextCursor } = (await history.json()) as { items: object[]; nextCursor: string | null };
    expect(items).toMatchObject([
      { id: newer, title: "Hiring", ownerName: "Ed" },
      { id: older, title: "Budget", ownerName: "Olga" },
    ]);
    expect(nextCursor).toBeNull();

    const search = await viewer.client.fetch(`/api/teams/${teamId}/conversations/search?q=QUOKKA`);
    type Hit = { id: string; snippet: string | null; ownerName: string; messageId: string | null };
    const hits = ((await search.json()) as { items: Hit[] }).items;
    // The owner's private conversation with the same word stays out of the team's results.
    expect(hits.map((hit) => hit.id)).toEqual([older]);
    expect(hits[0]?.snippet).toContain("quokka enclosure");
    expect(hits[0]?.ownerName).toBe("Olga");
    // The newest message with the word: a question and its reply are written at the same moment, the reply deeper.
    const newestMatch = await db().message.findFirst({
      where: { conversationId: older, content: { contains: "quokka" } },
      orderBy: [{ createdAt: "desc" }, { depth: "desc" }],
    });
    expect(hits[0]?.messageId).toBe(newestMatch?.id);
    const byTitle = await viewer.client.fetch(`/api/teams/${teamId}/conversations/search?q=hiring`);
    expect(((await byTitle.json()) as { items: Hit[] }).items).toMatchObject([{ id: newer, messageId: null }]);
    expect((await viewer.client.fetch(`/api/teams/${teamId}/conversations/search?q=`)).status).toBe(400);

    const outsider = await makePerson("Eve");
    expect((await outsider.client.fetch(`/api/teams/${teamId}/conversations`)).status).toBe(404);
    expect((await outsider.client.fetch(`/api/teams/${teamId}/conversations/search?q=quokka`)).status).toBe(404);
  });

  it("deletes a team: its conversations return to their owners as private, owner-less ones go", async () => {
    const { owner, editor, teamId } = await teamOfThree();
    const kept = await sharedConversation(editor, teamId, "Kept", "Remember this");
    const orphan = await sharedConversation(owner, teamId, "Orphan", "Nobody owns me soon");
    await db().conversation.update({ where: { id: orphan }, data: { ownerId: null } });

    expect((await owner.client.fetch(`/api/teams/${teamId}`, { method: "DELETE" })).status).toBe(204);
    expect(await db().team.findUnique({ where: { id: teamId } })).toBeNull();
    expect((await teamDetails(owner, teamId)).status).toBe(404);
    expect(await db().conversation.findUniqueOrThrow({ where: { id: kept } })).toMatchObject({
      teamId: null,
      visibility: "PRIVATE",
      deletedAt: null,
    });
    expect((await owner.client.fetch(`/api/conversations/${kept}`)).status).toBe(404);
    expect((await editor.client.fetch(`/api/conversations/${kept}`)).status).toBe(200);
    const gone = await db().conversation.findUniqueOrThrow({ where: { id: orphan } });
    expect(gone).toMatchObject({ teamId: null, visibility: "PRIVATE" });
    expect(gone.deletedAt).not.toBeNull();
  });
});

describe("access ending at once", () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
  });
  afterAll(() => upstream.close());

  it("ends a removed member's live view of a reply while the owner's goes on to the end", async () => {
    const words = Array.from({ length: 40 }, (_, index) => `word${index} `);
    const chat = await startChatSession(upstream, { chunks: words, paceMs: 100 });
    const owner = { id: "", name: "Owner", client: chat.client };
    const teamId = await createTeam(owner, "Live");
    const watcher = await makePerson("Watcher");
    expect((await join(watcher, await invite(owner, teamId, { role: "VIEWER" }))).status).toBe(200);
    await db().conversation.update({ where: { id: chat.conversationId }, data: { teamId, visibility: "TEAM" } });

    const ownerEvents = collectEvents(await chat.send("Tell me a long story"));
    const watching = await watcher.client.fetch(`/api/conversations/${chat.conversationId}/stream`);
    expect(watching.status).toBe(200);
    const events = readEvents(watching);
    await events.next();
    const removedAt = Date.now();
    const removal = await owner.client.fetch(`/api/teams/${teamId}/members/${watcher.id}`, { method: "DELETE" });
    expect(removal.status).toBe(204);
    const afterRemoval: ReceivedEvent[] = [];
    for await (const event of events) afterRemoval.push(event);
    // The reply needs about 4 s more; the watcher's stream closes long before, without the end of the reply.
    expect(Date.now() - removedAt).toBeLessThan(2_000);
    expect(afterRemoval.map((event) => event.event)).not.toContain("done");
    expect((await ownerEvents).map((event) => event.event)).toContain("done");
  });
});

describe("invitation links", () => {
  it("stores only the token's hash, shows the team to anyone with the link, and joins with the link's role", async () => {
    const [owner, newcomer] = await Promise.all([makePerson("Owen"), makePerson("Nia")]);
    const teamId = await createTeam(owner, "Design");
    const invitation = await invite(owner, teamId, { role: "EDITOR" });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(invitation.path).toBe(`/invite/${invitation.token}`);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).toBe(hashToken(invitation.token));
    expect(JSON.stringify(stored)).not.toContain(invitation.token);
    expect(Math.round((stored.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(7);

    const listed = await (await owner.client.fetch(`/api/teams/${teamId}/invitations`)).json();
    expect(JSON.stringify(listed)).not.toContain(invitation.token);
    expect(listed).toMatchObject([{ id: invitation.id, role: "EDITOR", uses: 0, maxUses: null }]);

    const preview = await anonymousClient().fetch(`/api/invitations/${invitation.token}`);
    expect(preview.status).toBe(200);
    expect(await preview.json()).toEqual({
      teamName: "Design",
      role: "EDITOR",
      expiresAt: stored.expiresAt.toISOString(),
    });
    expect(
      (await anonymousClient().fetch(`/api/invitations/${invitation.token}/accept`, { method: "POST" })).status,
    ).toBe(401);

    const joined = await join(newcomer, invitation);
    expect(joined.status).toBe(200);
    expect(await joined.json()).toEqual({ teamId });
    expect((await memberRoles(teamId))[newcomer.id]).toBe("EDITOR");
    // Someone already in the team keeps their role and uses nothing up.
    expect(await (await join(owner, invitation)).json()).toEqual({ teamId });
    expect((await memberRoles(teamId))[owner.id]).toBe("OWNER");
    expect((await db().invitation.findUniqueOrThrow({ where: { id: invitation.id } })).uses).toBe(1);
  });

  it("lets only owners create, list and revoke links; refuses bad input without writing", async () => {
    const { owner, editor, viewer, teamId } = await teamOfThree();
    const count = () => db().invitation.count({ where: { teamId } });
    const before = await count();
    for (const member of [editor, viewer]) {
      expect((await member.client.json(`/api/teams/${teamId}/invitations`, { role: "OWNER" })).status).toBe(403);
      expect((await member.client.fetch(`/api/teams/${teamId}/invitations`)).status).toBe(403);
    }
    const outsider = await makePerson("Mallory");
    expect((await outsider.client.json(`/api/teams/${teamId}/invitations`, { role: "OWNER" })).status).toBe(404);
    for (const body of [
      { role: "EDITOR", expiresInDays: 31 },
      { role: "EDITOR", maxUses: 0 },
      { role: "GUEST" },
      { role: "EDITOR", token: "mine" },
    ]) {
      expect((await owner.client.json(`/api/teams/${teamId}/invitations`, body)).status, JSON.stringify(body)).toBe(
        400,
      );
    }
    expect(await count()).toBe(before);

    const invitation = await invite(owner, teamId, { role: "VIEWER", expiresInDays: 1, maxUses: 5 });
    const revokeUrl = `/api/teams/${teamId}/invitations/${invitation.id}`;
    expect((await editor.client.fetch(revokeUrl, { method: "DELETE" })).status).toBe(403);
    expect((await join(outsider, invitation)).status).toBe(200);
    expect((await owner.client.fetch(revokeUrl, { method: "DELETE" })).status).toBe(204);
    expect((await anonymousClient().fetch(`/api/invitations/${invitation.token}`)).status).toBe(404);
    const late = await makePerson("Late");
    expect((await join(late, invitation)).status).toBe(404);
    expect(await memberRoles(teamId)).not.toHaveProperty(late.id);
    expect(await (await owner.client.fetch(`/api/teams/${teamId}/invitations`)).json()).not.toContainEqual(
      expect.objectContaining({ id: invitation.id }),
    );
  });

  it("admits exactly as many people as the link allows, even at once, and none after it expires", async () => {
    const owner = await makePerson("Uma");
    const teamId = await createTeam(owner);
    const invitation = await invite(owner, teamId, { role: "VIEWER", maxUses: 2 });
    const crowd = await Promise.all(["A", "B", "C", "D", "E"].map((name) => makePerson(name)));
    const statuses = (await Promise.all(crowd.map((someone) => join(someone, invitation)))).map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(2);
    expect(statuses.filter((status) => status === 404)).toHaveLength(3);
    expect(Object.keys(await memberRoles(teamId))).toHaveLength(3);
    expect((await anonymousClient().fetch(`/api/invitations/${invitation.token}`)).status).toBe(404);

    const expiring = await invite(owner, teamId, { role: "VIEWER" });
    await db().invitation.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymousClient().fetch(`/api/invitations/${expiring.token}`)).status).toBe(404);
    expect((await join(await makePerson("Tardy"), expiring)).status).toBe(404);
    expect((await anonymousClient().fetch("/api/invitations/not-a-token")).status).toBe(404);
  });

  it("registers a new account straight into the team, and refuses an unusable link without creating anyone", async () => {
    const owner = await makePerson("Reg");
    const teamId = await createTeam(owner);
    const invitation = await invite(owner, teamId, { role: "EDITOR", maxUses: 1 });
    const register = (email: string, token: string) =>
      anonymousClient().json("/api/auth/register", {
        email,
        password: "long enough",
        name: "Newbie",
        invitation: token,
      });

    const created = await register("newbie-team@example.test", invitation.token);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await memberRoles(teamId))[id]).toBe("EDITOR");

    const refused = await register("second-team@example.test", invitation.token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { issues: [{ path: ["invitation"] }] } });
    expect(await db().user.findUnique({ where: { email: "second-team@example.test" } })).toBeNull();
  });
});
