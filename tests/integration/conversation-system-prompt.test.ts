// A conversation's own system prompt: set by its owner (in its settings, or with its first message), sent on every
// turn between the admin's prompt and the sender's custom instructions, shown to all who read the conversation, and
// kept by copies, exports and imports, but never by a share link.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { addMember, makeModel, makePerson, makeTeam, type Person } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient } from "../support/session-client";

// No character HTML escapes, so that a page holding it would show it as written.
const PROMPT = `Answer as the harbour master would, token ${randomUUID()}.`;

let upstream: FakeUpstream;
let upstreamName: string;
let modelId: string;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, { reply: "Aye." });
  ({ id: modelId } = await makeModel(upstream.url, { upstreamName, systemPrompt: "Admin prompt." }));
});
afterAll(() => upstream.close());

type Details = { id: string; systemPrompt: string | null };

async function startConversation(who: Person, body: object = {}) {
  const response = await who.client.json("/api/conversations", { modelId, ...body });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const detailsOf = async (who: Person, id: string) =>
  (await (await who.client.fetch(`/api/conversations/${id}`)).json()) as Details;

/** The system messages the model received for one turn `who` sends. */
async function systemMessagesOfTurn(who: Person, id: string, content = "Hello") {
  const before = upstream.requests.length;
  await collectEvents(await who.client.json(`/api/conversations/${id}/messages`, { content }));
  const request = upstream.requests.slice(before).find((r) => (r.body as { model: string }).model === upstreamName);
  const messages = (request?.body as { messages: { role: string; content: string }[] } | undefined)?.messages ?? [];
  return messages.filter((message) => message.role === "system").map((message) => message.content);
}

describe("a conversation's own system prompt", () => {
  it("is set by the owner and sent after the admin's prompt, before each sender's custom instructions", async () => {
    const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
    await ana.client.json("/api/account/instructions", { customInstructions: "I am Ana." }, "PUT");
    await ben.client.json("/api/account/instructions", { customInstructions: "I am Ben." }, "PUT");
    const id = await startConversation(ana);
    expect((await detailsOf(ana, id)).systemPrompt).toBeNull();

    const saved = await ana.client.json(`/api/conversations/${id}`, { systemPrompt: `  ${PROMPT}\n` }, "PATCH");
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Details).systemPrompt).toBe(PROMPT);
    expect(await systemMessagesOfTurn(ana, id)).toEqual([`Admin prompt.\n\n${PROMPT}\n\nI am Ana.`]);

    // A team editor reads it and their turns carry it, with their own instructions; only the owner changes it.
    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, ben.id, "EDITOR")]);
    expect((await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT")).status).toBe(200);
    expect((await detailsOf(ben, id)).systemPrompt).toBe(PROMPT);
    expect(await systemMessagesOfTurn(ben, id, "And me")).toEqual([`Admin prompt.\n\n${PROMPT}\n\nI am Ben.`]);
    const refused = await ben.client.json(`/api/conversations/${id}`, { systemPrompt: "Be a pirate." }, "PATCH");
    expect(refused.status).toBe(403);
    expect((await detailsOf(ana, id)).systemPrompt).toBe(PROMPT);

    // Emptied, it is gone: the admin's prompt and the instructions alone.
    const cleared = await ana.client.json(`/api/conversations/${id}`, { systemPrompt: "   " }, "PATCH");
    expect(((await cleared.json()) as Details).systemPrompt).toBeNull();
    expect(await systemMessagesOfTurn(ana, id, "Again")).toEqual(["Admin prompt.\n\nI am Ana."]);
  });

  it("may come with a new conversation, and one too long is refused with nothing written", async () => {
    const ana = await makePerson("Ana");
    const tooLong = "x".repeat(20_001);
    const countOwned = () => db().conversation.count({ where: { ownerId: ana.id } });

    const refusedStart = await ana.client.json("/api/conversations", { modelId, systemPrompt: tooLong });
    expect(refusedStart.status).toBe(400);
    expect(JSON.stringify(await refusedStart.json())).toContain("Use at most 20,000 characters.");
    expect(await countOwned()).toBe(0);

    const id = await startConversation(ana, { systemPrompt: PROMPT });
    expect(await systemMessagesOfTurn(ana, id)).toEqual([`Admin prompt.\n\n${PROMPT}`]);
    const refusedChange = await ana.client.json(`/api/conversations/${id}`, { systemPrompt: tooLong }, "PATCH");
    expect(refusedChange.status).toBe(400);
    expect((await detailsOf(ana, id)).systemPrompt).toBe(PROMPT);
  });

  it("counts toward the context window: a turn it leaves no room for is refused before it is stored", async () => {
    const ana = await makePerson("Ana");
    const small = await makeModel(upstream.url, { contextWindow: 600, maxOutputTokens: 100 });
    const id = ((await (await ana.client.json("/api/conversations", { modelId: small.id })).json()) as Details).id;
    const long = "Keep every answer in the voice of a ship's captain at sea. ".repeat(60);
    expect((await ana.client.json(`/api/conversations/${id}`, { systemPrompt: long }, "PATCH")).status).toBe(200);
    const refused = await ana.client.json(`/api/conversations/${id}/messages`, { content: "Hi" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("context_overflow");
    expect(await db().message.count({ where: { conversationId: id } })).toBe(0);
  });

  it("is kept by Copy to my chats, the exports and an import, and left out of a share link and its copy", async () => {
    const [ana, vic, visitor] = await Promise.all([makePerson("Ana"), makePerson("Vic"), makePerson("Visitor")]);
    const id = await startConversation(ana, { systemPrompt: PROMPT, title: "Harbour" });
    await collectEvents(await ana.client.json(`/api/conversations/${id}/messages`, { content: "Hello" }));
    const thread = (await (await ana.client.fetch(`/api/conversations/${id}`)).json()) as {
      messages: { id: string }[];
    };
    const lastId = thread.messages.at(-1)?.id;

    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, vic.id, "VIEWER")]);
    await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT");
    const copied = await vic.client.json(`/api/conversations/${id}/copy`, { messageId: lastId });
    expect(copied.status).toBe(201);
    expect((await detailsOf(vic, ((await copied.json()) as Details).id)).systemPrompt).toBe(PROMPT);

    const json = (await (await ana.client.fetch(`/api/conversations/${id}/export?format=json`)).json()) as {
      conversation: { systemPrompt: string | null };
    };
    expect(json.conversation.systemPrompt).toBe(PROMPT);
    const markdown = await (await ana.client.fetch(`/api/conversations/${id}/export?format=markdown`)).text();
    expect(markdown).toMatch(
      new RegExp(`^# Harbour\\n\\n_Exported[^\\n]*\\n\\n## System prompt\\n\\n${PROMPT}\\n\\n## User`),
    );
    const imported = await visitor.client.json("/api/account/import", json);
    expect(imported.status).toBe(201);
    const importedId = ((await imported.json()) as { conversations: { id: string }[] }).conversations[0]?.id ?? "";
    expect((await detailsOf(visitor, importedId)).systemPrompt).toBe(PROMPT);
    // An export from before conversations had prompts imports without one; a prompt edited past the limit is named.
    const { systemPrompt: _prompt, ...older } = json.conversation;
    const olderImport = await visitor.client.json("/api/account/import", { ...json, conversation: older });
    const olderId = ((await olderImport.json()) as { conversations: { id: string }[] }).conversations[0]?.id ?? "";
    expect((await detailsOf(visitor, olderId)).systemPrompt).toBeNull();
    const edited = { ...json, conversation: { ...json.conversation, systemPrompt: "x".repeat(20_001) } };
    const refused = await visitor.client.json("/api/account/import", edited);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as {
      error: { code: string; issues: { path: string[]; message: string }[] };
    };
    expect(error.code).toBe("invalid_export");
    expect(error.issues[0]).toMatchObject({
      path: ["conversation", "systemPrompt"],
      message: "Use at most 20,000 characters.",
    });

    const link = await ana.client.json(`/api/conversations/${id}/share-links`, {});
    const token = ((await link.json()) as { url: string }).url.split("/s/")[1];
    const page = await (await anonymousClient().fetch(`/s/${token}`)).text();
    expect(page).toContain("Hello");
    expect(page).not.toContain(PROMPT);
    const visitorCopy = await visitor.client.json(`/api/share/${token}/copy`, {});
    expect(visitorCopy.status).toBe(201);
    expect((await detailsOf(visitor, ((await visitorCopy.json()) as Details).id)).systemPrompt).toBeNull();
  });
});
