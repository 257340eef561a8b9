// Azure OpenAI as a provider kind: the endpoint, deployments as the models' upstream names, the api-version query
// parameter and the api-key header, through the SDK's Azure client; Test connection and a chat turn work.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAdmin } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { type Client, signedInClient } from "../support/session-client";

const API_VERSION = "2024-10-21";

let upstream: FakeUpstream;
let admin: Client;
let endpoint: string;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  endpoint = upstream.url.replace(/\/v1$/, "");
  const account = await makeAdmin();
  admin = await signedInClient(account.email, account.password);
});
afterAll(() => upstream.close());

async function addAzureProvider(apiKey: string) {
  const response = await admin.json("/api/admin/providers", {
    name: `Azure ${randomUUID()}`,
    kind: "AZURE_OPENAI",
    baseUrl: endpoint,
    apiVersion: API_VERSION,
    apiKey,
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; kind: string; apiVersion: string | null };
}

describe("an Azure OpenAI provider", () => {
  it("needs an api-version, which only Azure providers take", async () => {
    const missing = await admin.json("/api/admin/providers", {
      name: `Azure ${randomUUID()}`,
      kind: "AZURE_OPENAI",
      baseUrl: endpoint,
    });
    expect(missing.status).toBe(400);
    const malformed = await admin.json("/api/admin/providers", {
      name: `Azure ${randomUUID()}`,
      kind: "AZURE_OPENAI",
      baseUrl: endpoint,
      apiVersion: "latest",
    });
    expect(malformed.status).toBe(400);
  });

  it("passes Test connection, sending the key as api-key with the api-version", async () => {
    const provider = await addAzureProvider("azure-key-for-listing");
    expect(provider).toMatchObject({ kind: "AZURE_OPENAI", apiVersion: API_VERSION });
    const tested = await admin.fetch(`/api/admin/providers/${provider.id}/test`, { method: "POST" });
    expect(await tested.json()).toEqual({ ok: true, models: expect.arrayContaining(["fake-model"]) });
    const listing = upstream.requests.findLast((request) => request.path.startsWith("/openai/models"));
    expect(listing?.path).toBe(`/openai/models?api-version=${API_VERSION}`);
    expect(listing?.headers["api-key"]).toBe("azure-key-for-listing");
    expect(listing?.headers.authorization).toBeUndefined();
  });

  it("answers a chat turn through the model's deployment", async () => {
    const provider = await addAzureProvider("azure-key-for-chat");
    const deployment = `gpt-deploy-${randomUUID().slice(0, 8)}`;
    upstream.scenarioForModel(deployment, { chunks: ["Hello ", "from ", "Azure."] });
    const created = await admin.json("/api/admin/models", { providerId: provider.id, upstreamName: deployment });
    expect(created.status).toBe(201);
    const { id: modelId } = (await created.json()) as { id: string };
    const conversation = await admin.json("/api/conversations", { modelId });
    const { id } = (await conversation.json()) as { id: string };

    const events = await collectEvents(await admin.json(`/api/conversations/${id}/messages`, { content: "Hi" }));
    expect(events.map((event) => event.event)).toContain("done");
    const text = events
      .filter((event) => event.event === "delta")
      .map((event) => (event.data as { text: string }).text)
      .join("");
    expect(text).toBe("Hello from Azure.");
    const call = upstream.requests.findLast((request) => request.path.includes(`/deployments/${deployment}/`));
    expect(call?.path).toBe(`/openai/deployments/${deployment}/chat/completions?api-version=${API_VERSION}`);
    expect(call?.headers["api-key"]).toBe("azure-key-for-chat");
  });
});

describe("the fake upstream's Azure endpoint", () => {
  it("refuses a request without api-key (401) or without api-version (404)", async () => {
    const path = `${endpoint}/openai/deployments/fake-model/chat/completions`;
    const body = JSON.stringify({ model: "fake-model", messages: [{ role: "user", content: "Hi" }] });
    const headers = { "content-type": "application/json" };
    const withoutKey = await fetch(`${path}?api-version=${API_VERSION}`, { method: "POST", headers, body });
    expect(withoutKey.status).toBe(401);
    const withoutVersion = await fetch(path, { method: "POST", headers: { ...headers, "api-key": "k" }, body });
    expect(withoutVersion.status).toBe(404);
    const right = await fetch(`${path}?api-version=${API_VERSION}`, {
      method: "POST",
      headers: { ...headers, "api-key": "k" },
      body,
    });
    expect(right.status).toBe(200);
  });
});
