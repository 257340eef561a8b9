// The /v1 chat completion's one statement (lib/db/api-call-context.ts): the admin's switch written as SQL decides as
// its JS form does, for every stored value and role; the model a request names is found by its id first, else by its
// upstream name (the oldest model of that name), only among those the key's owner may use; each call is counted on
// the key's and the user's per-minute counters. A large body (inline images) is read only for a key that exists, of a caller the admin's switch lets in.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { describe, expect, inject, it } from "vitest";
import { apiAllowedSql, isApiAllowedFor, parseApiAccess } from "@/lib/api-keys/api-access";
import { hashApiKeySecret } from "@/lib/api-keys/api-key-secret";
import { getApiCallContext } from "@/lib/db/api-call-context";
import { db, Prisma } from "@/lib/db/client";
import { makeApiKey } from "../support/api-keys";
import { makeAdmin, makeModel, makeUser } from "../support/factories";

const UPSTREAM = "http://127.0.0.1:9/v1";

describe("the /v1 call's statement", () => {
  it("applies the admin's API switch as isApiAllowedFor does, whatever is stored", async () => {
    for (const stored of [null, "off", "admins", "everyone", "something else"]) {
      for (const role of ["ADMIN", "USER"] as const) {
        const [row] = await db().$queryRaw<{ allowed: boolean }[]>`
          SELECT ${apiAllowedSql(Prisma.sql`${stored}::text`, Prisma.sql`${role}::text`)} AS allowed`;
        expect(row?.allowed, `${stored} ${role}`).toBe(isApiAllowedFor(parseApiAccess(stored), role));
      }
    }
  });

  it("names a model by its id, else by its upstream name (the oldest), among the owner's models only", async () => {
    const name = `named-${randomUUID().slice(0, 8)}`;
    const older = await makeModel(UPSTREAM, { upstreamName: name });
    const newer = await makeModel(UPSTREAM, { upstreamName: name });
    const hidden = await makeModel(UPSTREAM, { upstreamName: `hidden-${name}`, visibleToEveryone: false });
    const owner = await makeAdmin();
    const key = await makeApiKey(owner.id);
    const modelOf = async (modelName: string | null) => {
      const context = await getApiCallContext({
        secretHash: hashApiKeySecret(key.secret),
        modelName,
        windowSeconds: 60,
      });
      return context?.model?.id ?? null;
    };
    expect(await modelOf(name)).toBe(older.id);
    expect(await modelOf(newer.id)).toBe(newer.id);
    expect(await modelOf(hidden.upstreamName)).toBeNull();
    expect(await modelOf(hidden.id)).toBeNull();
    expect(await modelOf(null)).toBeNull();
    expect(await modelOf("no-such-model")).toBeNull();
  });

  it("counts each call on the key's and the user's counters, and gives the model's provider and the limits", async () => {
    const model = await makeModel(UPSTREAM, { upstreamName: `counted-${randomUUID().slice(0, 8)}` });
    const owner = await makeAdmin();
    const key = await makeApiKey(owner.id);
    await db().usageLimit.create({ data: { subject: `user:${owner.id}`, userId: owner.id, tokensPerDay: 500 } });
    const call = () =>
      getApiCallContext({ secretHash: hashApiKeySecret(key.secret), modelName: model.upstreamName, windowSeconds: 60 });
    const first = await call();
    expect(first).toMatchObject({ keyId: key.id, userId: owner.id, role: "ADMIN", isAllowed: true });
    expect(first?.counts.map((count) => count.count)).toEqual([1, 1]);
    expect(first?.model?.provider.baseUrl).toBe(UPSTREAM);
    expect(first?.limitRows).toContainEqual({
      subject: `user:${owner.id}`,
      tokensPerDay: 500,
      tokensPerMonth: null,
      costPerMonthMicros: null,
    });
    const second = await call();
    expect(second?.counts.map((count) => count.count)).toEqual([2, 2]);
    for (const { secondsLeft } of second?.counts ?? []) {
      expect(secondsLeft).toBeGreaterThan(0);
      expect(secondsLeft).toBeLessThanOrEqual(60);
    }
    const stamped = await db().apiKey.findUniqueOrThrow({ where: { id: key.id }, select: { lastUsedAt: true } });
    expect(stamped.lastUsedAt).not.toBeNull();
  });
});

describe("POST /v1/chat/completions with a large body", () => {
  /** The status of a call declaring a 10 MB body of which only 1 KB is sent: the answer comes while the rest is owed. */
  const statusOfLargeCall = (secret: string) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = request(new URL(`${inject("baseUrl")}/v1/chat/completions`), {
        method: "POST",
        headers: {
          authorization: `Bearer ${secret}`,
          "content-type": "application/json",
          "content-length": String(10 * 1024 * 1024),
        },
      });
      outgoing.on("response", (response) => {
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      });
      outgoing.on("error", reject);
      outgoing.write(Buffer.alloc(1024, 32));
    });

  it("tells a caller whose key does not exist 401 before reading the body", async () => {
    expect(await statusOfLargeCall(`sk-parley-${"x".repeat(43)}`)).toBe(401);
  });

  it("tells a plain user's key 403 before reading the body while the API is for admins only (the default)", async () => {
    const key = await makeApiKey((await makeUser()).id);
    expect(await statusOfLargeCall(key.secret)).toBe(403);
  });
});
