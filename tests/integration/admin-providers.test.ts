// Providers in the console: validated URLs, keys encrypted and shown by their last 4 characters, and a connection
// test that lists the models, gives up after its timeout, says why in generic words and never follows a redirect.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, pool } from "@/lib/db/client";
import { answerAfterHeldWrite, waitUntilSomeoneWaitsFor } from "../support/blocked-by";
import { makeAdmin } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { type Client, signedInClient } from "../support/session-client";

type ProviderBody = {
  id: string;
  name: string;
  baseUrl: string;
  hasApiKey: boolean;
  apiKeyHint: string | null;
  version: number;
};

let upstream: FakeUpstream;
let admin: Client;
let adminId: string;
const servers: Server[] = [];

beforeAll(async () => {
  upstream = await startFakeUpstream();
  const account = await makeAdmin();
  adminId = account.id;
  admin = await signedInClient(account.email, account.password);
});
afterAll(async () => {
  await upstream.close();
  for (const server of servers) server.close();
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

async function addProvider(body: Record<string, unknown>): Promise<ProviderBody> {
  const response = await admin.json("/api/admin/providers", { name: `Provider ${randomUUID()}`, ...body });
  expect(response.status).toBe(201);
  return (await response.json()) as ProviderBody;
}

async function errorOf(response: Response): Promise<unknown> {
  return ((await response.json()) as { error: unknown }).error;
}

async function testConnection(id: string) {
  const response = await admin.fetch(`/api/admin/providers/${id}/test`, { method: "POST" });
  expect(response.status).toBe(200);
  return (await response.json()) as { ok: boolean; models?: string[]; reason?: string; code?: string };
}

describe("providers", () => {
  it("stores the key encrypted, shows only its last 4 characters and audits without it", async () => {
    const key = `sk-live-${randomUUID()}`;
    const provider = await addProvider({ baseUrl: `${upstream.url}/`, apiKey: key });
    expect(provider).toMatchObject({ baseUrl: upstream.url, hasApiKey: true, apiKeyHint: key.slice(-4) });
    expect(JSON.stringify(provider)).not.toContain(key);
    const stored = await db().provider.findUniqueOrThrow({ where: { id: provider.id } });
    expect(stored.apiKeyEncrypted).toMatch(/^v1:/);
    expect(stored.apiKeyEncrypted).not.toContain(key);
    const audit = await db().auditLog.findFirstOrThrow({ where: { targetId: provider.id } });
    expect(audit).toMatchObject({ actorId: adminId, action: "provider.create" });
    expect(JSON.stringify(audit)).not.toContain(key);

    // A new URL takes the key only when it is entered again, so a stored key never follows a moved provider.
    const moved = await admin.json(`/api/admin/providers/${provider.id}`, { baseUrl: "http://10.0.0.1/v1" }, "PATCH");
    expect(moved.status).toBe(400);
    const removed = await admin.json(`/api/admin/providers/${provider.id}`, { apiKey: null }, "PATCH");
    expect(await removed.json()).toMatchObject({ hasApiKey: false, apiKeyHint: null });
    expect((await db().provider.findUniqueOrThrow({ where: { id: provider.id } })).apiKeyEncrypted).toBeNull();
  });

  it("refuses URLs that are not http(s), carry credentials or a query, and names that are taken", async () => {
    for (const baseUrl of ["ftp://example.test/v1", "http://user:secret@example.test/v1", "https://x.test/v1?key=1"]) {
      const response = await admin.json("/api/admin/providers", { name: `Bad ${randomUUID()}`, baseUrl });
      expect(response.status, baseUrl).toBe(400);
      expect(((await response.json()) as { error: { issues: { path: string[] }[] } }).error.issues[0]?.path).toEqual([
        "baseUrl",
      ]);
    }
    const first = await addProvider({ baseUrl: upstream.url });
    const duplicate = await admin.json("/api/admin/providers", { name: first.name, baseUrl: upstream.url });
    expect(duplicate.status).toBe(409);
    expect(await errorOf(duplicate)).toEqual({
      code: "provider_name_taken",
      message: "A provider with this name already exists.",
    });
  });

  it("lists the provider's models when the connection works, sending the key", async () => {
    upstream.scenarioForModel("listed-model", {});
    const provider = await addProvider({ baseUrl: upstream.url, apiKey: "sk-test-listing-key" });
    const result = await testConnection(provider.id);
    expect(result).toEqual({ ok: true, models: expect.arrayContaining(["fake-model", "listed-model"]) });
    const listing = upstream.requests.findLast((request) => request.path === "/v1/models");
    expect(listing?.headers.authorization).toBe("Bearer sk-test-listing-key");
  });

  it("reports a refused key, an unreachable server and a redirect in generic words, never following it", async () => {
    const echoKey = await listen(
      createServer((request, response) => {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: `Incorrect API key ${request.headers.authorization}` } }));
      }),
    );
    const refused = await addProvider({ baseUrl: echoKey, apiKey: "sk-echoed-secret-key" });
    expect(await testConnection(refused.id)).toEqual({
      ok: false,
      code: "key_refused",
      reason: "The provider refused the API key.",
    });

    const closed = await listen(createServer());
    servers.pop()?.close();
    const unreachable = await addProvider({ baseUrl: closed });
    expect(await testConnection(unreachable.id)).toEqual({
      ok: false,
      code: "unreachable",
      reason: "Could not connect to the provider.",
    });

    const before = upstream.requests.length;
    const redirecting = await listen(
      createServer((_request, response) => {
        response.writeHead(307, { location: `${upstream.url}/models` });
        response.end();
      }),
    );
    const redirected = await addProvider({ baseUrl: redirecting, apiKey: "sk-must-not-travel" });
    expect(await testConnection(redirected.id)).toEqual({
      ok: false,
      code: "redirect",
      reason: "The provider redirects elsewhere. Enter the URL it redirects to: redirects are not followed.",
    });
    expect(upstream.requests.slice(before).filter((request) => request.path === "/v1/models")).toEqual([]);
  });

  it("gives up on a provider that does not answer within the timeout", async () => {
    const silent = await listen(createServer(() => {}));
    const provider = await addProvider({ baseUrl: silent });
    const startedAt = Date.now();
    expect(await testConnection(provider.id)).toEqual({
      ok: false,
      code: "timeout",
      reason: "The provider did not answer within 10 seconds.",
      seconds: 10,
    });
    expect(Date.now() - startedAt).toBeLessThan(20_000);
  }, 25_000);

  it("refuses to delete the provider of the default model, and deletes others with their models", async () => {
    const defaultModel = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const refused = await admin.fetch(`/api/admin/providers/${defaultModel.providerId}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toMatchObject({ code: "default_model" });
    const provider = await addProvider({ baseUrl: upstream.url });
    await admin.json("/api/admin/models", { providerId: provider.id, upstreamName: "to-go" });
    expect((await admin.fetch(`/api/admin/providers/${provider.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await db().model.count({ where: { providerId: provider.id } })).toBe(0);
    expect(
      await db().auditLog.findFirst({ where: { targetId: provider.id, action: "provider.delete" } }),
    ).toMatchObject({
      before: expect.objectContaining({ models: ["to-go"] }),
    });
  });

  it("refuses to delete a provider whose model another admin made the default while the deletion waited", async () => {
    const previous = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const provider = await addProvider({ baseUrl: upstream.url });
    const added = await admin.json("/api/admin/models", { providerId: provider.id, upstreamName: "soon-default" });
    const { id: modelId } = (await added.json()) as { id: string };
    try {
      // The other admin's change: the old default has stepped down and this provider's model taken its place.
      const deletion = await answerAfterHeldWrite(
        [
          [`UPDATE "Model" SET "isDefault" = false WHERE id = $1`, [previous.id]],
          [`UPDATE "Model" SET "isDefault" = true WHERE id = $1`, [modelId]],
        ],
        () => admin.fetch(`/api/admin/providers/${provider.id}`, { method: "DELETE" }),
      );
      expect(deletion.status).toBe(409);
      expect(await errorOf(deletion)).toMatchObject({ code: "default_model" });
      expect(await db().model.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([
        { id: modelId },
      ]);
    } finally {
      const restored = await admin.json(`/api/admin/models/${previous.id}`, { isDefault: true }, "PATCH");
      expect(restored.status).toBe(200);
    }
  });

  it("refuses to delete a provider while another admin makes its second model the default, without a deadlock", async () => {
    const previous = await db().model.findFirstOrThrow({ where: { isDefault: true } });
    const provider = await addProvider({ baseUrl: upstream.url });
    const addModel = async (upstreamName: string, isDefault: boolean) => {
      const added = await admin.json("/api/admin/models", { providerId: provider.id, upstreamName, isDefault });
      expect(added.status).toBe(201);
      return ((await added.json()) as { id: string }).id;
    };
    // The default first, then the model about to take its place: a deletion locks the provider's models in that
    // order (by name: the provider's index of model names).
    await addModel("a-default-now", true);
    const next = await addModel("b-default-next", false);
    const holder = await pool().connect();
    try {
      // Holds the next default for a moment, so that the two admins' changes meet half-way.
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "Model" WHERE id = $1 FOR UPDATE`, [next]);
      const madeDefault = admin.json(`/api/admin/models/${next}`, { isDefault: true }, "PATCH");
      await waitUntilSomeoneWaitsFor(holder);
      const deletion = admin.fetch(`/api/admin/providers/${provider.id}`, { method: "DELETE" });
      await waitUntilSomeoneWaitsFor(holder, 2);
      await holder.query("COMMIT");
      expect((await madeDefault).status).toBe(200);
      expect((await deletion).status).toBe(409);
      expect(await db().model.findMany({ where: { isDefault: true }, select: { id: true } })).toEqual([{ id: next }]);
    } finally {
      await holder.query("ROLLBACK"); // nothing left to undo once committed
      holder.release();
      const restored = await admin.json(`/api/admin/models/${previous.id}`, { isDefault: true }, "PATCH");
      expect(restored.status).toBe(200);
    }
  });

  it("leaves the built-in demo provider as it is", async () => {
    const demo = await db().provider.findFirstOrThrow({ where: { kind: "DEMO" } });
    const refused = await admin.json(`/api/admin/providers/${demo.id}`, { name: `Demo ${randomUUID()}` }, "PATCH");
    expect(refused.status).toBe(409);
    expect(await errorOf(refused)).toEqual({
      code: "demo_provider",
      message: "The built-in demo provider cannot be changed.",
    });
  });

  it("refuses link-local and cloud metadata addresses in the form, and never connects to one already stored", async () => {
    const refusedUrls = [
      "http://169.254.169.254/latest/meta-data",
      "http://[fe80::1]:8080/v1",
      "http://[::ffff:169.254.169.254]/v1",
      "http://metadata.google.internal/v1",
    ];
    const provider = await addProvider({ baseUrl: upstream.url });
    for (const baseUrl of refusedUrls) {
      const created = await admin.json("/api/admin/providers", { name: `Metadata ${randomUUID()}`, baseUrl });
      expect(created.status, baseUrl).toBe(400);
      const body = (await created.json()) as { error: { issues: { path: string[]; message: string }[] } };
      expect(body.error.issues[0]).toMatchObject({ path: ["baseUrl"], message: expect.stringMatching(/metadata/) });
      const moved = await admin.json(`/api/admin/providers/${provider.id}`, { baseUrl }, "PATCH");
      expect(moved.status, baseUrl).toBe(400);
    }
    expect((await db().provider.findUniqueOrThrow({ where: { id: provider.id } })).baseUrl).toBe(upstream.url);

    // One saved before this check existed (or written to the database by hand) is refused on connect.
    await db().provider.update({ where: { id: provider.id }, data: { baseUrl: "http://169.254.169.254/v1" } });
    expect(await testConnection(provider.id)).toEqual({
      ok: false,
      code: "refused_address",
      reason: expect.stringMatching(/metadata/),
    });
    await db().provider.update({ where: { id: provider.id }, data: { baseUrl: "http://[fe80::1]/v1" } });
    expect(await testConnection(provider.id)).toEqual({
      ok: false,
      code: "refused_address",
      reason: expect.stringMatching(/metadata/),
    });
  });
});

describe("two admins editing one provider", () => {
  const staleError = {
    code: "stale_version",
    message:
      "This provider was changed by someone else since you opened it. Reload to see the changes, then edit again.",
    details: { currentVersion: 2 },
  };
  const changeProvider = (id: string, changes: Record<string, unknown>) =>
    admin.json(`/api/admin/providers/${id}`, changes, "PATCH");
  const auditCount = (id: string) => db().auditLog.count({ where: { targetId: id } });

  it("refuses a form loaded from an older version, writing nothing, and takes one of the current version", async () => {
    const provider = await addProvider({ baseUrl: upstream.url });
    expect(provider.version).toBe(1);
    // Ada's form and Dave's were both loaded at version 1; Ada saves a new name first.
    const ada = await changeProvider(provider.id, {
      name: `${provider.name} (A)`,
      baseUrl: upstream.url,
      expectedVersion: 1,
    });
    expect(ada.status).toBe(200);
    expect(((await ada.json()) as ProviderBody).version).toBe(2);

    // Dave's form still holds the old name, and changes the base URL only.
    const dave = await changeProvider(provider.id, {
      name: provider.name,
      baseUrl: "http://10.0.0.2/v1",
      expectedVersion: 1,
    });
    expect(dave.status).toBe(409);
    expect(await dave.json()).toEqual({ error: staleError });
    expect(await db().provider.findUniqueOrThrow({ where: { id: provider.id } })).toMatchObject({
      name: `${provider.name} (A)`,
      baseUrl: upstream.url,
      version: 2,
    });
    expect(await auditCount(provider.id)).toBe(2);

    // Reloaded, Dave's form is at version 2.
    const reloaded = await changeProvider(provider.id, {
      name: `${provider.name} (A)`,
      baseUrl: "http://10.0.0.2/v1",
      expectedVersion: 2,
    });
    expect(reloaded.status).toBe(200);
    expect(await reloaded.json()).toMatchObject({
      name: `${provider.name} (A)`,
      baseUrl: "http://10.0.0.2/v1",
      version: 3,
    });
  });

  it("refuses a stale form even when the other change commits while the save waits for the provider", async () => {
    const provider = await addProvider({ baseUrl: upstream.url });
    const refused = await answerAfterHeldWrite(
      [[`UPDATE "Provider" SET name = name || ' (other)', version = version + 1 WHERE id = $1`, [provider.id]]],
      () => changeProvider(provider.id, { name: `${provider.name} (mine)`, expectedVersion: 1 }),
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({ error: staleError });
    expect(await db().provider.findUniqueOrThrow({ where: { id: provider.id } })).toMatchObject({
      name: `${provider.name} (other)`,
      version: 2,
    });
  });

  it("still applies a change without a version (API clients) to the fields it names", async () => {
    const provider = await addProvider({ baseUrl: upstream.url });
    const scripted = await changeProvider(provider.id, { baseUrl: "http://10.0.0.3/v1" });
    expect(scripted.status).toBe(200);
    expect(await scripted.json()).toMatchObject({ name: provider.name, baseUrl: "http://10.0.0.3/v1", version: 2 });
    expect((await changeProvider(provider.id, { name: "Zero", expectedVersion: 0 })).status).toBe(400);
  });

  it("leaves an unchanged provider alone: no new version, no audit entry", async () => {
    const provider = await addProvider({ baseUrl: upstream.url });
    // The edit form as it was loaded, saved as it is; with no key stored, removing it changes nothing either.
    const form = { name: provider.name, baseUrl: upstream.url, apiKey: null, expectedVersion: 1 };
    const saved = await changeProvider(provider.id, form);
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as ProviderBody).version).toBe(1);
    expect(await db().auditLog.findMany({ where: { targetId: provider.id }, select: { action: true } })).toEqual([
      { action: "provider.create" },
    ]);
  });
});
