// Authorization of personal API keys and the /v1 API as a matrix: every route of the inventory's "api" matrix, each
// kind of caller, the expected status and no side effect for a refused call. Also the admin's switch of who may use
// the API: here, because it changes what plain users get, and this file's tests run in order.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeApiKey } from "../support/api-keys";
import { makeAdmin, makeModel, makeTeam, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { routesOfMatrix, uncoveredRoutes } from "../support/route-inventory";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

type SessionCaller = "anonymous" | "user" | "otherAdmin" | "owner";
type KeyCaller = "noKey" | "revokedKey" | "expiredKey" | "disabledUsersKey" | "plainUsersKey" | "ownersKey";
type Row<Caller extends string> = { method: string; route: string; body?: unknown; expected: Record<Caller, number> };

const sessionRows: Row<SessionCaller>[] = [
  { method: "GET", route: "/api/account/usage", expected: { anonymous: 401, user: 200, otherAdmin: 200, owner: 200 } },
  {
    method: "GET",
    route: "/api/account/api-keys",
    expected: { anonymous: 401, user: 200, otherAdmin: 200, owner: 200 },
  },
  // API access is for admins only by default: a plain user may not make a key.
  {
    method: "POST",
    route: "/api/account/api-keys",
    body: { name: "matrix" },
    expected: { anonymous: 401, user: 403, otherAdmin: 201, owner: 201 },
  },
  {
    method: "DELETE",
    route: "/api/account/api-keys/[keyId]",
    expected: { anonymous: 401, user: 404, otherAdmin: 404, owner: 204 },
  },
];

const keyRows: Row<KeyCaller>[] = [
  {
    method: "GET",
    route: "/v1/models",
    expected: {
      noKey: 401,
      revokedKey: 401,
      expiredKey: 401,
      disabledUsersKey: 401,
      plainUsersKey: 403,
      ownersKey: 200,
    },
  },
  {
    method: "GET",
    route: "/v1/models/[visibleModel]",
    expected: {
      noKey: 401,
      revokedKey: 401,
      expiredKey: 401,
      disabledUsersKey: 401,
      plainUsersKey: 403,
      ownersKey: 200,
    },
  },
  {
    method: "POST",
    route: "/v1/chat/completions",
    body: { model: "[visibleModel]", messages: [{ role: "user", content: "Hi" }] },
    expected: {
      noKey: 401,
      revokedKey: 401,
      expiredKey: 401,
      disabledUsersKey: 401,
      plainUsersKey: 403,
      ownersKey: 200,
    },
  },
];

let upstream: FakeUpstream;
let sessions: Record<SessionCaller, Client>;
let secrets: Record<KeyCaller, string>;
let ownerKeyId: string;
let plainUser: { id: string };
const visibleModel = `matrix-${randomUUID().slice(0, 8)}`;
const teamModel = `matrix-team-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  upstream = await startFakeUpstream({ scenario: { chunks: ["ok"] } });
  await makeModel(upstream.url, { upstreamName: visibleModel });
  const hidden = await makeModel(upstream.url, { upstreamName: teamModel, visibleToEveryone: false });
  const team = await makeTeam();
  await db().modelTeam.create({ data: { modelId: hidden.id, teamId: team.id } });
  const [owner, otherAdmin, user, disabled] = await Promise.all([makeAdmin(), makeAdmin(), makeUser(), makeAdmin()]);
  plainUser = user;
  sessions = {
    anonymous: anonymousClient(),
    user: await signedInClient(user.email, user.password),
    otherAdmin: await signedInClient(otherAdmin.email, otherAdmin.password),
    owner: await signedInClient(owner.email, owner.password),
  };
  const ownerKey = await makeApiKey(owner.id);
  // The key the DELETE row revokes: not the one the /v1 rows use.
  ownerKeyId = (await makeApiKey(owner.id, { name: "to revoke" })).id;
  const revoked = await makeApiKey(owner.id);
  await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
  const disabledKey = await makeApiKey(disabled.id);
  await db().user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } });
  secrets = {
    noKey: "",
    revokedKey: revoked.secret,
    expiredKey: (await makeApiKey(owner.id, { expiresAt: new Date(Date.now() - 60_000) })).secret,
    disabledUsersKey: disabledKey.secret,
    plainUsersKey: (await makeApiKey(user.id)).secret,
    ownersKey: ownerKey.secret,
  };
});
afterAll(() => upstream.close());

function fill(text: string): string {
  return text.replace("[visibleModel]", visibleModel).replace("[teamModel]", teamModel);
}

async function callWithKey(caller: KeyCaller, row: Row<KeyCaller>): Promise<number> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (secrets[caller]) headers.authorization = `Bearer ${secrets[caller]}`;
  const body = row.body === undefined ? undefined : fill(JSON.stringify(row.body));
  const response = await fetch(`${inject("baseUrl")}${fill(row.route)}`, { method: row.method, headers, body });
  await response.arrayBuffer();
  return response.status;
}

async function callWithSession(caller: SessionCaller, row: Row<SessionCaller>): Promise<number> {
  const path = row.route.replace("[keyId]", ownerKeyId);
  const response =
    row.body === undefined
      ? await sessions[caller].fetch(path, { method: row.method })
      : await sessions[caller].json(path, row.body, row.method);
  await response.arrayBuffer();
  return response.status;
}

async function snapshot() {
  const [keys, ledger, ownerKey] = await Promise.all([
    db().apiKey.count(),
    db().replyUsage.count({ where: { apiKeyId: { not: null } } }),
    db().apiKey.findUnique({ where: { id: ownerKeyId }, select: { revokedAt: true } }),
  ]);
  return { keys, ledger, ownerKey };
}

describe.sequential("API access matrix", () => {
  for (const row of sessionRows) {
    it(`${row.method} ${row.route}: ${JSON.stringify(row.expected)}`, async () => {
      for (const caller of ["anonymous", "user", "otherAdmin"] as const) {
        const before = await snapshot();
        expect(await callWithSession(caller, row), caller).toBe(row.expected[caller]);
        if (row.expected[caller] >= 400) expect(await snapshot(), `${caller} left no trace`).toEqual(before);
      }
      expect(await callWithSession("owner", row)).toBe(row.expected.owner);
    });
  }

  for (const row of keyRows) {
    it(`${row.method} ${row.route}: ${JSON.stringify(row.expected)}`, async () => {
      for (const caller of ["noKey", "revokedKey", "expiredKey", "disabledUsersKey", "plainUsersKey"] as const) {
        const before = await snapshot();
        expect(await callWithKey(caller, row), caller).toBe(row.expected[caller]);
        expect(await snapshot(), `${caller} left no trace`).toEqual(before);
      }
      expect(await callWithKey("ownersKey", row)).toBe(row.expected.ownersKey);
    });
  }

  it("never reaches a model the key's owner may not use: 404, as for one that does not exist", async () => {
    const owner = await makeAdmin();
    const key = await makeApiKey(owner.id);
    const response = await fetch(`${inject("baseUrl")}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: teamModel, messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("model_not_found");
    const listed = await fetch(`${inject("baseUrl")}/v1/models`, {
      headers: { authorization: `Bearer ${key.secret}` },
    });
    expect(JSON.stringify(await listed.json())).not.toContain(teamModel);
  });

  it("follows the admin's switch: a plain user gets in once an admin opens the API to everyone", async () => {
    const admin = await signedInClient((await makeAdmin()).email, "correct horse battery");
    try {
      expect((await admin.json("/api/admin/api-access", { access: "everyone" }, "PUT")).status).toBe(200);
      expect((await sessions.user.json("/api/account/api-keys", { name: "mine" })).status).toBe(201);
      expect(await callWithKey("plainUsersKey", keyRows[0] as Row<KeyCaller>)).toBe(200);
      const audit = await db().auditLog.findFirst({
        where: { action: "settings.update", targetId: "apiAccess" },
        orderBy: { createdAt: "desc" },
      });
      expect(audit?.after).toEqual({ apiAccess: "everyone" });
    } finally {
      await admin.json("/api/admin/api-access", { access: "admins" }, "PUT");
    }
    expect(await db().apiKey.count({ where: { userId: plainUser.id } })).toBe(2);
  });

  it("has rows for every route the inventory gives this matrix (tests/support/route-inventory.ts)", () => {
    expect(routesOfMatrix("api")).toHaveLength(7);
    expect(uncoveredRoutes("api", [...sessionRows, ...keyRows])).toEqual([]);
  });
});
