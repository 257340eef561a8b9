// Personal API keys: made in Settings (the secret shown once, only its hash stored), listed with their prefix,
// revoked by their owner or an admin (audited), refused at once when revoked, expired or the account disabled; The admin's switch is in api-access-matrix.test.ts.

import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKeySecret } from "@/lib/api-keys/api-key-secret";
import { db } from "@/lib/db/client";
import { makeApiKey, parleyClient } from "../support/api-keys";
import { makeAdmin } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

type KeyList = { isAllowed: boolean; keys: { id: string; name: string; prefix: string; revokedAt: string | null }[] };

async function listModels(secret: string): Promise<number> {
  const response = await fetch(`${parleyClient(secret).baseURL}/models`, {
    headers: { Authorization: `Bearer ${secret}` },
  });
  return response.status;
}

/** The refusal's words, as an SDK shows them: the same from the model list and from a completion. */
async function refusalOf(secret: string): Promise<string> {
  const headers = { Authorization: `Bearer ${secret}`, "Content-Type": "application/json" };
  const listed = await fetch(`${parleyClient(secret).baseURL}/models`, { headers });
  const completed = await fetch(`${parleyClient(secret).baseURL}/chat/completions`, {
    method: "POST",
    headers,
    body: JSON.stringify({ model: "any", messages: [{ role: "user", content: "Hi" }] }),
  });
  expect([listed.status, completed.status]).toEqual([401, 401]);
  const [fromList, fromCompletion] = await Promise.all(
    [listed, completed].map(async (response) => ((await response.json()) as { error: { message: string } }).error),
  );
  expect(fromCompletion?.message).toBe(fromList?.message);
  return fromList?.message ?? "";
}

describe("personal API keys", () => {
  it("are created with the secret shown once, stored as a hash, listed by prefix, and revoked at once", async () => {
    const admin = await makeAdmin();
    const client = await signedInClient(admin.email, admin.password);
    const created = await client.json("/api/account/api-keys", { name: "laptop", expiresInDays: 30 });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as { key: { id: string; prefix: string }; secret: string };
    expect(secret).toMatch(/^sk-parley-[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(secret.slice(0, 14));
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.secretHash).toBe(hashApiKeySecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    const list = (await (await client.fetch("/api/account/api-keys")).json()) as KeyList;
    expect(list.isAllowed).toBe(true);
    expect(list.keys).toEqual([
      expect.objectContaining({ id: key.id, name: "laptop", prefix: key.prefix, revokedAt: null }),
    ]);
    expect(JSON.stringify(list)).not.toContain(secret);

    expect(await listModels(secret)).toBe(200);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).not.toBeNull();
    expect((await client.fetch(`/api/account/api-keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await refusalOf(secret)).toBe(
      "This API key was revoked. Create a new one in Parley under Settings → API keys.",
    );
    // A secret of no key is told no more than that.
    expect(await refusalOf(`sk-parley-${"A".repeat(43)}`)).toBe(
      "Incorrect API key provided. Create one in Parley under Settings → API keys.",
    );
  });

  it("stop working when expired, or when the account is disabled or deleted", async () => {
    const admin = await makeAdmin();
    const expired = await makeApiKey(admin.id, { expiresAt: new Date(Date.now() - 1000) });
    expect(await refusalOf(expired.secret)).toBe(
      "This API key has expired. Create a new one in Parley under Settings → API keys.",
    );

    const live = await makeApiKey(admin.id);
    expect(await listModels(live.secret)).toBe(200);
    await db().user.update({ where: { id: admin.id }, data: { status: "DISABLED" } });
    expect(await refusalOf(live.secret)).toBe(
      "The Parley account this API key belongs to is disabled. Ask your Parley admin.",
    );
    const error = await parleyClient(live.secret)
      .models.list()
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    await db().user.delete({ where: { id: admin.id } });
    expect(await listModels(live.secret)).toBe(401);
  });

  it("can be seen and revoked by an admin, audited, never with the secret", async () => {
    const owner = await makeAdmin();
    const key = await makeApiKey(owner.id, { name: "script" });
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const all = (await (await adminClient.fetch("/api/admin/api-keys")).json()) as {
      keys: { id: string; user: { email: string } }[];
    };
    expect(all.keys.find((listed) => listed.id === key.id)?.user.email).toBe(owner.email);
    expect(JSON.stringify(all)).not.toContain(key.secret);
    expect((await adminClient.fetch(`/api/admin/api-keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await listModels(key.secret)).toBe(401);
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "apiKey.revoke", targetId: key.id } });
    expect(entry.actorId).toBe(admin.id);
  });
});
