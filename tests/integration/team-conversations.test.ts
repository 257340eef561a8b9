// Team conversations over HTTP: sharing with a team and taking it back, who may read, post and copy, author names,
// the live watch of a member's turn, and model visibility per team.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMember, makeAdmin, makeModel, makePerson, makeTeam, type Person } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents, deltaText, type ReceivedEvent, readEvents, startedIds } from "../support/read-events";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

/** Ana owns a conversation shared with a team where Ben edits and Vic views; Otto is in no team. */
async function sharedConversation(scenario: Parameters<FakeUpstream["scenarioForModel"]>[1] = { reply: "Sure." }) {
  const upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { upstreamName });
  const [ana, ben, vic, otto] = await Promise.all([
    makePerson("Ana"),
    makePerson("Ben"),
    makePerson("Vic"),
    makePerson("Otto"),
  ]);
  const team = await makeTeam();
  await Promise.all([
    addMember(team.id, ana.id, "EDITOR"),
    addMember(team.id, ben.id, "EDITOR"),
    addMember(team.id, vic.id, "VIEWER"),
  ]);
  const created = await ana.client.json("/api/conversations", { modelId: model.id });
  const { id: conversationId } = (await created.json()) as { id: string };
  const url = `/api/conversations/${conversationId}`;
  const shared = await ana.client.json(`${url}/team`, { teamId: team.id }, "PUT");
  expect(shared.status).toBe(200);
  const send = (who: Person, content: string) => who.client.json(`${url}/messages`, { content });
  return { ana, ben, vic, otto, team, model, conversationId, url, send };
}

const storedConversation = (id: string) =>
  db().conversation.findUniqueOrThrow({ where: { id }, select: { teamId: true, visibility: true, deletedAt: true } });
const messageCount = (conversationId: string) => db().message.count({ where: { conversationId } });
/** The reply that a stream's `start` event announced. */
function replyIdOf(events: ReceivedEvent[]): string {
  const start = events.find((event) => event.event === "start")?.data as { assistantMessage: { id: string } };
  return start.assistantMessage.id;
}

describe("sharing a conversation with a team", () => {
  it("shares it with a team where the owner edits, and the members see who owns it and what they may do", async () => {
    const { ana, ben, vic, team, url, conversationId } = await sharedConversation();
    expect(await storedConversation(conversationId)).toMatchObject({ teamId: team.id, visibility: "TEAM" });

    // The owner's pin is hers: members see the conversation unpinned.
    expect((await ana.client.json(url, { pinned: true }, "PATCH")).status).toBe(200);
    const asOwner = await (await ana.client.fetch(url)).json();
    expect(asOwner).toMatchObject({ access: "own", team: { id: team.id, name: team.name }, ownerName: "Ana" });
    expect(asOwner.pinnedAt).not.toBeNull();
    expect(await (await ben.client.fetch(url)).json()).toMatchObject({
      access: "write",
      ownerName: "Ana",
      pinnedAt: null,
    });
    expect(await (await vic.client.fetch(url)).json()).toMatchObject({ access: "read", team: { name: team.name } });
  });

  it("offers the owner the teams they may share with; members get 403 and outsiders 404", async () => {
    const { ana, ben, otto, team, url } = await sharedConversation();
    const viewing = await makeTeam();
    await addMember(viewing.id, ana.id, "VIEWER");
    const choices = await ana.client.fetch(`${url}/team`);
    expect(choices.status).toBe(200);
    expect(await choices.json()).toEqual({
      team: { id: team.id, name: team.name },
      teams: [{ id: team.id, name: team.name }],
    });
    expect((await ben.client.fetch(`${url}/team`)).status).toBe(403);
    expect((await otto.client.fetch(`${url}/team`)).status).toBe(404);
  });

  it("refuses a team the owner is not in (404) or only views (403), and a member who does not own it (403)", async () => {
    const { ana, ben, otto, url, conversationId, team } = await sharedConversation();
    const elsewhere = await makeTeam();
    const viewing = await makeTeam();
    await addMember(viewing.id, ana.id, "VIEWER");
    await addMember(elsewhere.id, otto.id, "OWNER");

    expect((await ana.client.json(`${url}/team`, { teamId: elsewhere.id }, "PUT")).status).toBe(404);
    expect((await ana.client.json(`${url}/team`, { teamId: viewing.id }, "PUT")).status).toBe(403);
    expect((await ben.client.json(`${url}/team`, { teamId: team.id }, "PUT")).status).toBe(403);
    expect((await otto.client.json(`${url}/team`, { teamId: elsewhere.id }, "PUT")).status).toBe(404);
    expect((await ana.client.json(`${url}/team`, { teamId: team.id, role: "OWNER" }, "PUT")).status).toBe(400);
    expect(await storedConversation(conversationId)).toMatchObject({ teamId: team.id, visibility: "TEAM" });
  });

  it("lets the owner or a team OWNER take it back, not an editor; members lose it at once", async () => {
    const { ana, ben, vic, team, url, conversationId } = await sharedConversation();
    expect((await ben.client.json(`${url}/team`, { teamId: null }, "PUT")).status).toBe(403);
    expect((await storedConversation(conversationId)).teamId).toBe(team.id);

    await db().membership.update({
      where: { teamId_userId: { teamId: team.id, userId: vic.id } },
      data: { role: "OWNER" },
    });
    const takenOut = await vic.client.json(`${url}/team`, { teamId: null }, "PUT");
    expect(takenOut.status).toBe(200);
    expect(await takenOut.json()).toEqual({ team: null, canStopSharing: false });
    expect(await storedConversation(conversationId)).toMatchObject({
      teamId: null,
      visibility: "PRIVATE",
      deletedAt: null,
    });
    expect((await ben.client.fetch(url)).status).toBe(404);
    expect((await ana.client.fetch(url)).status).toBe(200);
  });

  it("tells each member whether they may share it or stop sharing it, by the rule the team route applies", async () => {
    const { ana, ben, vic, team, url } = await sharedConversation();
    const tom = await makePerson("Tom");
    await addMember(team.id, tom.id, "OWNER");
    const rightsOf = async (who: Person) => {
      const { canShare, canStopSharing } = await (await who.client.fetch(url)).json();
      return { canShare, canStopSharing };
    };
    expect(await rightsOf(ana)).toEqual({ canShare: true, canStopSharing: true });
    expect(await rightsOf(tom)).toEqual({ canShare: false, canStopSharing: true });
    expect(await rightsOf(ben)).toEqual({ canShare: false, canStopSharing: false });
    expect(await rightsOf(vic)).toEqual({ canShare: false, canStopSharing: false });

    // What the page offers is what the route allows.
    expect((await ben.client.json(`${url}/team`, { teamId: null }, "PUT")).status).toBe(403);
    expect((await vic.client.json(`${url}/team`, { teamId: null }, "PUT")).status).toBe(403);
    const takenOut = await tom.client.json(`${url}/team`, { teamId: null }, "PUT");
    expect(takenOut.status).toBe(200);
    expect(await takenOut.json()).toEqual({ team: null, canStopSharing: false });
    expect(await rightsOf(ana)).toEqual({ canShare: true, canStopSharing: false });
    const sharedAgain = await ana.client.json(`${url}/team`, { teamId: team.id }, "PUT");
    expect(await sharedAgain.json()).toEqual({ team: { id: team.id, name: team.name }, canStopSharing: true });
    expect(await rightsOf(tom)).toEqual({ canShare: false, canStopSharing: true });
  });

  it("takes a removed member's access away: the next request is 404", async () => {
    const { ben, team, url } = await sharedConversation();
    expect((await ben.client.fetch(url)).status).toBe(200);
    await db().membership.delete({ where: { teamId_userId: { teamId: team.id, userId: ben.id } } });
    expect((await ben.client.fetch(url)).status).toBe(404);
  });
});

describe("continuing a team conversation", () => {
  it("lets an editor post; each user turn names its author, and no email reaches the thread", async () => {
    const { ana, ben, vic, send, url } = await sharedConversation();
    await collectEvents(await send(ana, "Hello from Ana"));
    const benReply = await send(ben, "And from Ben");
    expect(benReply.status).toBe(200);
    await collectEvents(benReply);

    const response = await vic.client.fetch(url);
    const text = await response.text();
    const { messages } = JSON.parse(text) as { messages: { role: string; content: string; author: unknown }[] };
    expect(
      messages.map((message) => [message.content, message.author && (message.author as { name: string }).name]),
    ).toEqual([
      ["Hello from Ana", "Ana"],
      ["Sure.", null],
      ["And from Ben", "Ben"],
      ["Sure.", null],
    ]);
    expect(text).not.toContain("@example.test");
  });

  it("refuses a viewer's post and regenerate with 403 and writes nothing", async () => {
    const { ana, vic, send, url, conversationId } = await sharedConversation();
    const events = await collectEvents(await send(ana, "First"));
    const replyId = replyIdOf(events);
    const before = await messageCount(conversationId);

    const posted = await send(vic, "Viewer speaking");
    expect(posted.status).toBe(403);
    expect((await posted.json()).error.code).toBe("forbidden");
    expect((await vic.client.json(`${url}/messages/${replyId}/regenerate`, {})).status).toBe(403);
    expect(await messageCount(conversationId)).toBe(before);
  });

  it("shows a viewer the thread through a message of another version, which only a writer may make current", async () => {
    const { ana, vic, otto, url, conversationId } = await sharedConversation();
    const first = await collectEvents(await ana.client.json(`${url}/messages`, { content: "The walrus plan" }));
    await collectEvents(await ana.client.json(`${url}/messages`, { content: "The seal plan", parentId: null }));
    const currentLeafId = async () =>
      (await db().conversation.findUniqueOrThrow({ where: { id: conversationId } })).currentLeafId;
    const leafBefore = await currentLeafId();
    const firstQuestion = startedIds(first).userMessageId;

    const opened = await vic.client.fetch(`${url}?message=${firstQuestion}`);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({
      access: "read",
      messages: [{ content: "The walrus plan" }, { id: replyIdOf(first) }],
      focus: { messageId: firstQuestion, isCurrentThread: false },
    });
    const switched = await vic.client.json(`${url}/current-message`, { messageId: firstQuestion }, "PUT");
    expect(switched.status).toBe(403);
    expect(await currentLeafId()).toBe(leafBefore);
    expect((await otto.client.fetch(`${url}?message=${firstQuestion}`)).status).toBe(404);
  });

  it("saves, stopped with its text, a member's reply that was streaming when an admin deleted the account", async () => {
    const words = Array.from({ length: 40 }, (_, index) => `word${index} `);
    const { ben, send, conversationId } = await sharedConversation({ chunks: words, paceMs: 150 });
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const streaming = await send(ben, "A long answer, please");
    expect(streaming.status).toBe(200);
    const reply = () => db().message.findFirst({ where: { conversationId, role: "ASSISTANT" } });
    await expect.poll(async () => (await reply())?.status, { timeout: 5_000 }).toBe("STREAMING");

    // Deleted while the reply was being written (6 s in all).
    expect((await adminClient.fetch(`/api/admin/users/${ben.id}`, { method: "DELETE" })).status).toBe(204);
    await streaming.body?.cancel().catch(() => {});
    // The reply stops (nobody may use the service for the account any more) and is saved with the team's
    // conversation, with what was written so far (the account's ledger went with it).
    await expect.poll(async () => (await reply())?.status, { timeout: 15_000 }).toBe("INTERRUPTED");
    const saved = (await reply())?.content ?? "";
    expect(saved.length).toBeGreaterThan(0);
    expect(words.join("").startsWith(saved)).toBe(true);
    expect(saved.length).toBeLessThan(words.join("").length);
  });

  it("answers 404 to someone outside the team, for reading, posting and watching", async () => {
    const { otto, send, url, conversationId } = await sharedConversation();
    expect((await otto.client.fetch(url)).status).toBe(404);
    expect((await send(otto, "Let me in")).status).toBe(404);
    expect((await otto.client.fetch(`${url}/events`)).status).toBe(404);
    expect((await otto.client.fetch(`/api/models?conversationId=${conversationId}`)).status).toBe(404);
    expect(await messageCount(conversationId)).toBe(0);
  });
});

describe("copy to my chats", () => {
  it("gives a viewer a private copy of the thread up to the chosen message", async () => {
    const { ana, vic, send, url } = await sharedConversation();
    const first = await collectEvents(await send(ana, "Question one"));
    await collectEvents(await send(ana, "Question two"));
    const firstReplyId = replyIdOf(first);

    const copied = await vic.client.json(`${url}/copy`, { messageId: firstReplyId });
    expect(copied.status).toBe(201);
    const { id } = (await copied.json()) as { id: string; title: string };
    const copy = await (await vic.client.fetch(`/api/conversations/${id}`)).json();
    expect(copy).toMatchObject({ access: "own", team: null });
    expect(copy.messages.map((message: { content: string }) => message.content)).toEqual(["Question one", "Sure."]);
    expect((await ana.client.fetch(`/api/conversations/${id}`)).status).toBe(404);
  });

  it("refuses outsiders (404) and messages of another conversation (404), creating nothing", async () => {
    const { ana, otto, send, url } = await sharedConversation();
    const events = await collectEvents(await send(ana, "Question"));
    const replyId = replyIdOf(events);
    const other = await sharedConversation();
    const ownedBefore = await db().conversation.count({ where: { ownerId: { in: [otto.id, ana.id] } } });

    expect((await otto.client.json(`${url}/copy`, { messageId: replyId })).status).toBe(404);
    expect((await ana.client.json(`${other.url}/copy`, { messageId: replyId })).status).toBe(404);
    expect(await db().conversation.count({ where: { ownerId: { in: [otto.id, ana.id] } } })).toBe(ownedBefore);
  });
});

describe("watching a team conversation live", () => {
  it("tells a watching member that a reply started; the member follows it with the author's name", async () => {
    const words = Array.from({ length: 15 }, (_, index) => `w${index} `);
    const { ana, ben, send, url } = await sharedConversation({ chunks: words, paceMs: 30 });
    const watch = readEvents(await ben.client.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");

    const sending = collectEvents(await send(ana, "Tell me a story"));
    const announced = (await watch.next()).value;
    expect(announced?.event).toBe("reply");
    const followed = await collectEvents(await ben.client.fetch(`${url}/stream`));
    const start = followed[0]?.data as { userMessage: { content: string; author: { name: string } } };
    expect(start.userMessage).toMatchObject({ content: "Tell me a story", author: { name: "Ana" } });
    expect(deltaText(followed)).toBe(words.join(""));
    expect(announced?.data).toEqual({ assistantMessageId: replyIdOf(followed) });
    await sending;
    await watch.return(undefined);
  });

  it("ends a member's watch at once when the conversation is taken out of the team", async () => {
    const { ana, ben, url } = await sharedConversation();
    const watch = readEvents(await ben.client.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    expect((await ana.client.json(`${url}/team`, { teamId: null }, "PUT")).status).toBe(200);
    expect((await watch.next()).done).toBe(true);
  });

  it("ends a member's watch at once when they leave the team, and their next request is a 404", async () => {
    const { ben, team, url } = await sharedConversation();
    const watch = readEvents(await ben.client.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    expect((await ben.client.fetch(`/api/teams/${team.id}/members/${ben.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await watch.next()).done).toBe(true);
    expect((await ben.client.fetch(url)).status).toBe(404);
  });

  it("ends the members' watches when the owner leaves the team, taking the conversation along", async () => {
    const { ana, ben, team, url } = await sharedConversation();
    const watch = readEvents(await ben.client.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    expect((await ana.client.fetch(`/api/teams/${team.id}/members/${ana.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await watch.next()).done).toBe(true);
    expect((await ben.client.fetch(url)).status).toBe(404);
    expect((await ana.client.fetch(url)).status).toBe(200);
  });

  it("ends the members' watches when the owner deletes the conversation", async () => {
    const { ana, ben, url } = await sharedConversation();
    const watch = readEvents(await ben.client.fetch(`${url}/events`));
    expect((await watch.next()).value?.event).toBe("ready");
    expect((await ana.client.fetch(url, { method: "DELETE" })).status).toBe(204);
    expect((await watch.next()).done).toBe(true);
  });

  it("refuses a viewer's stop while an editor's reply streams; the reply goes on to the end", async () => {
    const words = Array.from({ length: 20 }, (_, index) => `w${index} `);
    const { ben, vic, send, url } = await sharedConversation({ chunks: words, paceMs: 40 });
    const reply = readEvents(await send(ben, "A long answer, please"));
    expect((await reply.next()).value?.event).toBe("start");
    expect((await vic.client.fetch(`${url}/stop`, { method: "POST" })).status).toBe(403);
    const rest: ReceivedEvent[] = [];
    for await (const event of reply) rest.push(event);
    // The conversation's first exchange: its title follows the reply's end.
    expect(rest.slice(-2)).toMatchObject([{ event: "done", data: { finishReason: "stop" } }, { event: "title" }]);
  });

  it("answers 401 without a session", async () => {
    const { url } = await sharedConversation();
    expect((await anonymousClient().fetch(`${url}/events`)).status).toBe(401);
  });
});

describe("model visibility per team", () => {
  it("lists a team-only model to that team's members only", async () => {
    const { ana, otto, team } = await sharedConversation();
    const teamModel = await makeModel(upstream.url, {
      upstreamName: `team-${randomUUID().slice(0, 8)}`,
      visibleToEveryone: false,
    });
    await db().modelTeam.create({ data: { modelId: teamModel.id, teamId: team.id } });
    const ids = async (client: Client) =>
      ((await (await client.fetch("/api/models")).json()) as { items: { id: string }[] }).items.map((item) => item.id);
    expect(await ids(ana.client)).toContain(teamModel.id);
    expect(await ids(otto.client)).not.toContain(teamModel.id);
  });

  it("refuses a turn in a team conversation on a model listed only for another team, writing nothing", async () => {
    const upstreamName = `other-${randomUUID().slice(0, 8)}`;
    upstream.scenarioForModel(upstreamName, { reply: "Secret." });
    const { ana, ben, send, url, conversationId, team } = await sharedConversation();
    const otherTeam = await makeTeam();
    await addMember(otherTeam.id, ana.id, "OWNER");
    const otherModel = await makeModel(upstream.url, { upstreamName, visibleToEveryone: false });
    await db().modelTeam.create({ data: { modelId: otherModel.id, teamId: otherTeam.id } });

    // Ana may use it in her own chats, not in a conversation shared with a team it is not listed for.
    const listed = async (query: string) =>
      ((await (await ana.client.fetch(`/api/models${query}`)).json()) as { items: { id: string }[] }).items.map(
        (item) => item.id,
      );
    expect(await listed("")).toContain(otherModel.id);
    expect(await listed(`?conversationId=${conversationId}`)).not.toContain(otherModel.id);
    expect((await ana.client.json(url, { modelId: otherModel.id }, "PATCH")).status).toBe(404);
    await db().conversation.update({ where: { id: conversationId }, data: { modelId: otherModel.id } });
    for (const who of [ana, ben]) {
      const refused = await send(who, "Hello");
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.code).toBe("model_unavailable");
    }
    expect(await messageCount(conversationId)).toBe(0);

    await db().modelTeam.create({ data: { modelId: otherModel.id, teamId: team.id } });
    const allowed = await send(ben, "Hello");
    expect(allowed.status).toBe(200);
    expect(deltaText(await collectEvents(allowed))).toBe("Secret.");
  });

  it("refuses to share a conversation with a team its model is not listed for, changing nothing", async () => {
    const { ana, team } = await sharedConversation();
    const otherTeam = await makeTeam();
    await addMember(otherTeam.id, ana.id, "OWNER");
    const teamModel = await makeModel(upstream.url, { upstreamName: `team-${randomUUID().slice(0, 8)}` });
    await db().model.update({ where: { id: teamModel.id }, data: { visibleToEveryone: false } });
    await db().modelTeam.create({ data: { modelId: teamModel.id, teamId: otherTeam.id } });
    const created = await ana.client.json("/api/conversations", { modelId: teamModel.id });
    const { id } = (await created.json()) as { id: string };

    const refused = await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT");
    expect(refused.status).toBe(409);
    expect(await storedConversation(id)).toMatchObject({ teamId: null, visibility: "PRIVATE" });
    expect((await ana.client.json(`/api/conversations/${id}/team`, { teamId: otherTeam.id }, "PUT")).status).toBe(200);
  });
});
