// Start-up seeding: the demo model on a bare install, then a real provider from OPENAI_* that retires it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitUntilSomeoneWaitsFor } from "../support/blocked-by";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  upstream.scenarioForModel("llama3.2", {});
  // This file runs in its own process: lib/ is pointed at an empty database before it is loaded.
  process.env.DATABASE_URL = await createEmptyDatabase();
  process.env.ENCRYPTION_KEY = "ab".repeat(32);
});
afterAll(() => upstream.close());

it("seeds the demo model first, and a discovered provider later that becomes the default", async () => {
  const { seedProvidersFromEnv } = await import("@/lib/models/seed-from-env");
  const { listUsableModels } = await import("@/lib/db/models");
  const { db } = await import("@/lib/db/client");

  expect(await seedProvidersFromEnv()).toMatch(/demo model/);
  expect(await listUsableModels({ enabled: true })).toEqual([
    expect.objectContaining({ label: "Parley Demo (offline)", isDefault: true }),
  ]);
  expect(await seedProvidersFromEnv()).toBeNull();

  // A restart with OPENAI_* set, short of a new process: the cached configuration gains the two variables.
  const { env } = await import("@/lib/env");
  Object.assign(env(), { OPENAI_BASE_URL: upstream.url, OPENAI_API_KEY: "sk-test-secret" });
  expect(await seedProvidersFromEnv()).toContain(upstream.url);
  const usable = await listUsableModels({ enabled: true });
  expect(usable.map((model) => [model.label, model.isDefault])).toEqual([
    ["fake-model", true],
    ["llama3.2", false],
  ]);
  const provider = await db().provider.findFirstOrThrow({ where: { kind: "OPENAI_COMPATIBLE" } });
  expect(provider.apiKeyEncrypted).not.toContain("sk-test-secret");
  expect(await seedProvidersFromEnv()).toBeNull();
  await db().$disconnect();
});

it("leaves the models alone when an admin has set up any real provider, an Azure one included", async () => {
  const { seedProvidersFromEnv } = await import("@/lib/models/seed-from-env");
  const { db } = await import("@/lib/db/client");
  // The install as an admin left it: the provider from the variables gone, an Azure deployment the default.
  await db().provider.deleteMany({ where: { kind: "OPENAI_COMPATIBLE" } });
  await db().model.updateMany({ data: { isDefault: false } });
  await db().provider.create({
    data: {
      name: "Azure",
      kind: "AZURE_OPENAI",
      baseUrl: "https://example-resource.openai.azure.com",
      apiVersion: "2024-10-21",
      models: { create: { upstreamName: "gpt-4o-deployment", label: "GPT-4o (Azure)", isDefault: true } },
    },
  });
  // OPENAI_* are still set from the test before: a restart must not add a provider, nor a second default.
  expect(await seedProvidersFromEnv()).toBeNull();
  const defaults = await db().model.findMany({ where: { isDefault: true }, select: { label: true } });
  expect(defaults).toEqual([{ label: "GPT-4o (Azure)" }]);
  expect(await db().provider.count({ where: { kind: "OPENAI_COMPATIBLE" } })).toBe(0);
  await db().$disconnect();
});

it("starts when another process, started together on a fresh database, seeds at the same moment", async () => {
  const { seedProvidersFromEnv } = await import("@/lib/models/seed-from-env");
  const { db, pool } = await import("@/lib/db/client");
  const { env } = await import("@/lib/env");
  // A fresh database again, and replicas started without OPENAI_*: each finds no provider and seeds the demo model.
  await db().provider.deleteMany({});
  Object.assign(env(), { OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined });
  // The other process's seed, not yet committed when this one counts the providers and writes its own.
  const other = await pool().connect();
  try {
    await other.query("BEGIN");
    await other.query(
      `INSERT INTO "Provider" (id, name, kind, "baseUrl", "updatedAt") VALUES ('otherseed', 'Parley demo', 'DEMO', 'builtin:demo', now())`,
    );
    const seeding = seedProvidersFromEnv();
    await waitUntilSomeoneWaitsFor(other);
    await other.query("COMMIT");
    expect(await seeding).toBeNull();
  } finally {
    other.release();
  }
  expect(await db().provider.findMany({ select: { id: true } })).toEqual([{ id: "otherseed" }]);
  await db().$disconnect();
});
