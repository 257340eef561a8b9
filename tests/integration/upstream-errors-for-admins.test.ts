// Why a model call failed, for admins: the category and the status (a rejected key, an unknown model name), never
// the provider's own text. Everyone else, team members included, keeps the generic message.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { makeAdmin, makeModel, makeUser } from "../support/factories";
import { type FakeScenario, type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { signedInClient } from "../support/session-client";

const PROVIDER_TEXT = "provider-secret-text sk-live-123";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

/** The error event a reply ends with, as this kind of user receives it. */
async function failedReply(role: "admin" | "user", scenario: FakeScenario, baseUrl = upstream.url) {
  const upstreamName = `model-${Math.random().toString(36).slice(2)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(baseUrl, { upstreamName });
  const user = role === "admin" ? await makeAdmin() : await makeUser();
  const client = await signedInClient(user.email, user.password);
  const { id } = (await (await client.json("/api/conversations", { modelId: model.id })).json()) as { id: string };
  const events = await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Hello" }));
  expect(JSON.stringify(events)).not.toContain(PROVIDER_TEXT);
  const last = events.at(-1);
  expect(last?.event).toBe("error");
  return last?.data;
}

/** The stored reply of a failed turn, as this kind of user reads it back later. */
async function storedFailure(role: "admin" | "user", scenario: FakeScenario) {
  const upstreamName = `model-${Math.random().toString(36).slice(2)}`;
  upstream.scenarioForModel(upstreamName, scenario);
  const model = await makeModel(upstream.url, { upstreamName });
  const user = role === "admin" ? await makeAdmin() : await makeUser();
  const client = await signedInClient(user.email, user.password);
  const { id } = (await (await client.json("/api/conversations", { modelId: model.id })).json()) as { id: string };
  await collectEvents(await client.json(`/api/conversations/${id}/messages`, { content: "Hello" }));
  const response = await client.fetch(`/api/conversations/${id}`);
  const text = await response.text();
  expect(text).not.toContain(PROVIDER_TEXT);
  const { messages } = JSON.parse(text) as { messages: { status: string; errorCode: string; errorCause: unknown }[] };
  return messages.at(-1);
}

const failing = (status: number): FakeScenario => ({
  failBeforeStream: { status, retryAfterSeconds: 0, message: PROVIDER_TEXT },
});

describe("a failed reply, as an admin sees it", () => {
  it.each([
    [401, "key_rejected", "The provider rejected the API key (HTTP 401)."],
    [403, "key_rejected", "The provider rejected the API key (HTTP 403)."],
    [404, "model_unknown", "The provider does not know this model name (HTTP 404)."],
    [429, "rate_limited", "The provider is limiting requests (HTTP 429)."],
    [500, "provider_error", "The provider had a server error (HTTP 500)."],
  ])("names an upstream %i as %s with its status", async (status, category, explanation) => {
    const data = (await failedReply("admin", failing(status))) as { message: string; cause: unknown };
    expect(data.message).toContain(explanation);
    expect(data.cause).toEqual({ category, status });
  });

  it("tells an unreachable provider apart", async () => {
    const closedPort = await findFreePort();
    const data = await failedReply("admin", {}, `http://127.0.0.1:${closedPort}/v1`);
    expect(data).toMatchObject({
      message: "The model failed to answer. Parley could not connect to the provider.",
      cause: { category: "unreachable", status: null },
    });
  });

  it("tells a provider that stopped answering apart", async () => {
    const data = await failedReply("admin", { chunks: ["a ", "b "], stallAfterChunks: 1 });
    expect(data).toMatchObject({
      message: "The model stopped answering. The provider did not answer in time.",
      cause: { category: "timed_out", status: null },
    });
  });
});

it("keeps the cause with the stored reply for admins, and from everyone else", async () => {
  expect(await storedFailure("admin", failing(404))).toMatchObject({
    status: "ERROR",
    errorCode: "upstream_error",
    errorCause: { category: "model_unknown", status: 404 },
  });
  expect(await storedFailure("user", failing(404))).toMatchObject({
    status: "ERROR",
    errorCode: "upstream_error",
    errorCause: null,
  });
});

it("keeps the generic message for a user who is not an admin", async () => {
  expect(await failedReply("user", failing(401))).toEqual({
    code: "upstream_error",
    message: "The model failed to answer.",
  });
});
