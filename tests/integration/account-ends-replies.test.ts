// An admin disabling or deleting an account stops the replies it asked for: the model's call ends, the reply is
// saved as stopped with its text so far and its usage counted as far as it went, its owner's stream says their
// session ended, and team members following it see it end as stopped (lib/access/access-changes.ts); a /v1
// completion of theirs is ended too. Two processes are in several-processes.test.ts.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseReplyEvent } from "@/lib/live/reply-events";
import { makeApiKey, parleyClient } from "../support/api-keys";
import { addMember, makeAdmin, makeModel, makePerson, makeTeam } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { deltasAtLeast, deltaText, readUntil, startedIds } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
let admin: Client;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  const account = await makeAdmin();
  admin = await signedInClient(account.email, account.password);
});
afterAll(() => upstream.close());

const words = Array.from({ length: 100 }, (_, index) => `word${index} `);

/** Ana asks in a conversation shared with a team where Ben follows; her reply takes about 10 s. */
async function teamReply() {
  const upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, { chunks: words, paceMs: 100, usage: "none" });
  const model = await makeModel(upstream.url, { upstreamName });
  const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
  const team = await makeTeam();
  await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, ben.id, "VIEWER")]);
  const created = await ana.client.json("/api/conversations", { modelId: model.id });
  const { id: conversationId } = (await created.json()) as { id: string };
  const url = `/api/conversations/${conversationId}`;
  expect((await ana.client.json(`${url}/team`, { teamId: team.id }, "PUT")).status).toBe(200);
  const own = await readUntilDeltas(await ana.client.json(`${url}/messages`, { content: "Tell me a long story" }), 3);
  const followed = await readUntilDeltas(await ben.client.fetch(`${url}/stream`), 3);
  const modelCall = () =>
    upstream.requests.filter((request) => (request.body as { model?: string }).model === upstreamName);
  return { ana, ben, own, followed, modelCall };
}

/** Reads a stream until it has `count` deltas; `rest` reads it to its end. */
async function readUntilDeltas(response: Response, count: number) {
  expect(response.status).toBe(200);
  return readUntil(response, deltasAtLeast(count));
}

it("stops a disabled user's reply: saved as stopped with its text and usage, their stream told their session ended", async () => {
  const { ana, own, followed, modelCall } = await teamReply();
  const disabled = await admin.json(`/api/admin/users/${ana.id}`, { status: "DISABLED" }, "PATCH");
  expect(disabled.status).toBe(200);

  const ownEvents = await own.rest();
  expect(ownEvents.at(-1)).toMatchObject({
    event: "error",
    data: { code: "unauthorized", message: "Your session has ended. Sign in again." },
  });
  // The browser reads it as the reply's end (lib/live/reply-events.ts).
  expect(parseReplyEvent(ownEvents.at(-1) ?? { event: "", data: null }).status).toBe("valid");
  const followedEvents = await followed.rest();
  expect(followedEvents.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });

  const replyId = startedIds(ownEvents).assistantMessageId;
  const saved = await db().message.findUniqueOrThrow({ where: { id: replyId } });
  expect(saved).toMatchObject({ status: "INTERRUPTED", finishReason: "interrupted" });
  expect(saved.content).toBe(deltaText(followedEvents));
  expect(saved.content.length).toBeGreaterThan(0);
  expect(saved.content.length).toBeLessThan(words.join("").length);
  // The model's call was ended, not left to run its course.
  expect(modelCall().at(-1)?.closedByClientAt).toBeDefined();
  // Counted as far as it went (the tokenizer's count: this model reports no usage).
  const usage = await db().replyUsage.findUniqueOrThrow({ where: { messageId: replyId } });
  expect(usage).toMatchObject({ userId: ana.id, isEstimated: true, completionTokens: saved.tokenCount });
  expect(usage.completionTokens).toBeGreaterThan(0);
});

it("stops a deleted user's reply in a team conversation, which the team keeps, stopped with its text", async () => {
  const { ana, followed, own, modelCall } = await teamReply();
  expect((await admin.fetch(`/api/admin/users/${ana.id}`, { method: "DELETE" })).status).toBe(204);

  const followedEvents = await followed.rest();
  expect(followedEvents.at(-1)).toMatchObject({ event: "done", data: { status: "INTERRUPTED" } });
  const ownEvents = await own.rest();
  expect(ownEvents.at(-1)).toMatchObject({ event: "error", data: { code: "unauthorized" } });
  const saved = await db().message.findUniqueOrThrow({ where: { id: startedIds(ownEvents).assistantMessageId } });
  expect(saved).toMatchObject({ status: "INTERRUPTED", content: deltaText(followedEvents) });
  expect(saved.content.length).toBeLessThan(words.join("").length);
  expect(modelCall().at(-1)?.closedByClientAt).toBeDefined();
});

it("ends a disabled user's /v1 completion: the model's call is closed and the usage so far recorded", async () => {
  const upstreamName = `model-${randomUUID().slice(0, 8)}`;
  upstream.scenarioForModel(upstreamName, { chunks: words, paceMs: 100, usage: "none" });
  await makeModel(upstream.url, { upstreamName });
  // An admin: API access is on for admins by default.
  const caller = await makeAdmin();
  const key = await makeApiKey(caller.id);
  const client = parleyClient(key.secret);
  const stream = await client.chat.completions.create({
    model: upstreamName,
    messages: [{ role: "user", content: "Tell me a long story" }],
    stream: true,
  });
  let text = "";
  let failure: unknown = null;
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (text.split(" ").length === 4) {
        expect((await admin.json(`/api/admin/users/${caller.id}`, { status: "DISABLED" }, "PATCH")).status).toBe(200);
      }
    }
  } catch (error) {
    failure = error;
  }
  // The connection was closed before the answer's end.
  expect(failure).not.toBeNull();
  expect(text.length).toBeLessThan(words.join("").length);
  const modelCall = () =>
    upstream.requests.filter((request) => (request.body as { model?: string }).model === upstreamName);
  await expect.poll(() => modelCall().at(-1)?.closedByClientAt).toBeDefined();
  await expect.poll(() => db().replyUsage.count({ where: { apiKeyId: key.id } })).toBe(1);
  const usage = await db().replyUsage.findFirstOrThrow({ where: { apiKeyId: key.id } });
  expect(usage.completionTokens).toBeGreaterThan(0);
});
