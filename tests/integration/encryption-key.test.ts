// A changed ENCRYPTION_KEY: the start stops and says which key and what to do; `npm run keys:reset-providers`
// accepts the new key; the admin console marks a provider key that cannot be decrypted.
import { createCipheriv, randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { signedInClient } from "../support/session-client";
import { authSecretFor, makeDataDir, runPrepare, startAppServer } from "../support/test-stack";

const PROVIDER_KEY = "sk-test-0123456789abcdef";
const ADMIN = { ADMIN_EMAIL: "keys-admin@example.test", ADMIN_PASSWORD: "long enough admin" };

let upstream: FakeUpstream;
let dataDir: string;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  dataDir = makeDataDir("parley-keys-");
});
afterAll(async () => {
  await upstream.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const newKey = () => randomBytes(32).toString("hex");

function serverEnv(encryptionKey: string) {
  return {
    ENCRYPTION_KEY: encryptionKey,
    OPENAI_BASE_URL: upstream.url,
    OPENAI_API_KEY: PROVIDER_KEY,
    OPENAI_MODELS: "fake-model",
    ...ADMIN,
  };
}

/** `npm run keys:reset-providers`, as an admin runs it. */
function resetProviderKeys(databaseUrl: string, encryptionKey: string) {
  return runPrepare("--reset-provider-keys", {
    DATABASE_URL: databaseUrl,
    PARLEY_DATA_DIR: dataDir,
    ENCRYPTION_KEY: encryptionKey,
    AUTH_SECRET: authSecretFor(databaseUrl),
  });
}

async function readProviderKey(databaseUrl: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string | null }>(
      'SELECT "apiKeyEncrypted" AS key FROM "Provider" WHERE kind = \'OPENAI_COMPATIBLE\'',
    );
    return rows[0]?.key ?? null;
  } finally {
    await client.end();
  }
}

it("stops a start with another ENCRYPTION_KEY, saying which key and what to do, until the new key is accepted", async () => {
  const databaseUrl = await createEmptyDatabase();
  const first = await startAppServer({ databaseUrl, dataDir, extraEnv: serverEnv(newKey()) });
  await first.stop();
  expect(await readProviderKey(databaseUrl)).not.toBeNull();

  const changedKey = newKey();
  const logFile = path.join(dataDir, "changed-key.log");
  await expect(startAppServer({ databaseUrl, dataDir, logFile, extraEnv: serverEnv(changedKey) })).rejects.toThrow(
    /exited with code 1/,
  );
  const log = readFileSync(logFile, "utf8");
  expect(log).toContain("ENCRYPTION_KEY is not the key this database was set up with");
  expect(log).toContain("ENCRYPTION_KEY from the environment");
  expect(log).toContain("npm run keys:reset-providers");
  expect(log).not.toContain(PROVIDER_KEY);

  const reset = await resetProviderKeys(databaseUrl, changedKey);
  expect(reset.code).toBe(0);
  expect(reset.output).toMatch(/cleared the API keys of .+ enter them again in Admin → Providers/);
  expect(await readProviderKey(databaseUrl)).toBeNull();

  const again = await startAppServer({ databaseUrl, dataDir, extraEnv: serverEnv(changedKey) });
  await again.stop();
}, 120_000);

/** A key sealed the way lib/models/secret-box.ts does, under some other ENCRYPTION_KEY. */
function sealUnderAnotherKey(plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", randomBytes(32), nonce);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", nonce, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64")))
    .join(":");
}

it("marks a provider whose key cannot be decrypted in Admin → Providers", async () => {
  const databaseUrl = await createEmptyDatabase();
  const server = await startAppServer({ databaseUrl, dataDir, extraEnv: serverEnv(newKey()) });
  try {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE "Provider" SET "apiKeyEncrypted" = $1 WHERE kind = \'OPENAI_COMPATIBLE\'', [
      sealUnderAnotherKey(PROVIDER_KEY),
    ]);
    await client.end();
    const admin = await signedInClient(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD, server.baseUrl);
    const { items } = (await (await admin.fetch("/api/admin/providers")).json()) as {
      items: { kind: string; isApiKeyUnreadable: boolean }[];
    };
    expect(items.filter((item) => item.isApiKeyUnreadable).map((item) => item.kind)).toEqual(["OPENAI_COMPATIBLE"]);
    const page = await (await admin.fetch("/admin/providers")).text();
    expect(page).toContain("The API key can&#x27;t be decrypted");
  } finally {
    await server.stop();
  }
}, 60_000);
