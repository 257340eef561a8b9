// Authorization of the admin console as a matrix: every admin route and page, for an anonymous caller, a signed-in
// user and an admin, with the expected status and no side effect. A route the inventory
// (tests/support/route-inventory.ts) gives this matrix, or an admin page, without rows fails the last tests.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeApiKey } from "../support/api-keys";
import { makeAdmin, makeModel, makeUser } from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { routesOfMatrix, uncoveredRoutes } from "../support/route-inventory";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

type Caller = "anonymous" | "user" | "admin";
type Row = { method: string; route: string; body?: Record<string, unknown>; expected: Record<Caller, number> };

const run = randomUUID().slice(0, 8);
const newProviderName = `Matrix provider ${run}`;
const newModelName = `matrix-model-${run}`;
const denied = { anonymous: 401, user: 403 };

// Deletions last: each admin call really happens, in this order.
const rows: Row[] = [
  { method: "GET", route: "/api/admin/providers", expected: { ...denied, admin: 200 } },
  {
    method: "POST",
    route: "/api/admin/providers",
    body: { name: newProviderName, baseUrl: "[upstream]" },
    expected: { ...denied, admin: 201 },
  },
  {
    method: "PATCH",
    route: "/api/admin/providers/[providerId]",
    body: { name: `Renamed ${run}` },
    expected: { ...denied, admin: 200 },
  },
  { method: "POST", route: "/api/admin/providers/[providerId]/test", expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/models", expected: { ...denied, admin: 200 } },
  {
    method: "POST",
    route: "/api/admin/models",
    body: { providerId: "[providerId]", upstreamName: newModelName },
    expected: { ...denied, admin: 201 },
  },
  {
    method: "PATCH",
    route: "/api/admin/models/[modelId]",
    body: { label: "Renamed model" },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/users", expected: { ...denied, admin: 200 } },
  {
    method: "PATCH",
    route: "/api/admin/users/[userId]",
    body: { status: "DISABLED" },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/registration-policy", expected: { ...denied, admin: 200 } },
  // "open" is the default: the admin's call changes nothing for the other test files sharing this server.
  {
    method: "PUT",
    route: "/api/admin/registration-policy",
    body: { policy: "open" },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/public-links", expected: { ...denied, admin: 200 } },
  // On is the default: the admin's call changes nothing for the other test files sharing this server.
  {
    method: "PUT",
    route: "/api/admin/public-links",
    body: { enabled: true },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/reply-streams", expected: { ...denied, admin: 200 } },
  // 3 is the default: the admin's call changes nothing for the other test files sharing this server.
  {
    method: "PUT",
    route: "/api/admin/reply-streams",
    body: { limit: 3 },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/attachment-limits", expected: { ...denied, admin: 200 } },
  // The defaults: the admin's call changes nothing for the other test files sharing this server.
  {
    method: "PUT",
    route: "/api/admin/attachment-limits",
    body: { fileMegabytes: 20, filesPerMessage: 10, messageMegabytes: 50, storageMegabytes: 1024 },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/audit-log", expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/api-keys", expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/usage-limits", expected: { ...denied, admin: 200 } },
  // A limit for this file's own target user, and prices for its own model: nothing other files use.
  {
    method: "PUT",
    route: "/api/admin/usage-limits",
    body: { target: { email: "[userEmail]" }, tokensPerDay: 1000, tokensPerMonth: null, costPerMonth: null },
    expected: { ...denied, admin: 200 },
  },
  {
    method: "PUT",
    route: "/api/admin/model-prices",
    body: { modelId: "[modelId]", prices: { inputPerMillion: 1, outputPerMillion: 2 } },
    expected: { ...denied, admin: 200 },
  },
  { method: "GET", route: "/api/admin/usage", expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/api-access", expected: { ...denied, admin: 200 } },
  // "admins" is the default: the admin's call changes nothing for the other test files sharing this server.
  { method: "PUT", route: "/api/admin/api-access", body: { access: "admins" }, expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/teams", expected: { ...denied, admin: 200 } },
  { method: "DELETE", route: "/api/admin/api-keys/[apiKeyId]", expected: { ...denied, admin: 204 } },
  { method: "DELETE", route: "/api/admin/models/[modelId]", expected: { ...denied, admin: 204 } },
  { method: "POST", route: "/api/admin/users/[userId]/reset-link", expected: { ...denied, admin: 201 } },
  { method: "GET", route: "/api/admin/sso-providers", expected: { ...denied, admin: 200 } },
  { method: "GET", route: "/api/admin/password-sign-in", expected: { ...denied, admin: 200 } },
  // On is the default: the admin's call changes nothing for the other test files sharing this server.
  { method: "PUT", route: "/api/admin/password-sign-in", body: { enabled: true }, expected: { ...denied, admin: 200 } },
  // Nothing answers OpenID discovery at this issuer: the admin is told so (400) and nothing is stored.
  {
    method: "POST",
    route: "/api/admin/sso-providers",
    body: { slug: "matrix", label: "Matrix", issuer: "http://127.0.0.1:9", clientId: "c", clientSecret: "s" },
    expected: { ...denied, admin: 400 },
  },
  {
    method: "PATCH",
    route: "/api/admin/sso-providers/[providerId]",
    body: { label: "Matrix" },
    expected: { ...denied, admin: 404 },
  },
  { method: "DELETE", route: "/api/admin/sso-providers/[providerId]", expected: { ...denied, admin: 404 } },
  { method: "DELETE", route: "/api/admin/users/[userId]", expected: { ...denied, admin: 204 } },
  { method: "DELETE", route: "/api/admin/providers/[providerId]", expected: { ...denied, admin: 204 } },
];

type PageRow = { page: string; admin: { status: number; location?: string } };
const pages: PageRow[] = [
  { page: "/admin", admin: { status: 307, location: "/admin/models" } },
  { page: "/admin/models", admin: { status: 200 } },
  { page: "/admin/providers", admin: { status: 200 } },
  { page: "/admin/users", admin: { status: 200 } },
  { page: "/admin/audit-log", admin: { status: 200 } },
  { page: "/admin/usage", admin: { status: 200 } },
  { page: "/admin/api", admin: { status: 200 } },
];

let upstream: FakeUpstream;
let clients: Record<Caller, Client>;
let userId: string;
let ids: Record<"providerId" | "modelId" | "userId" | "apiKeyId" | "userEmail", string>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  const [user, admin, target] = await Promise.all([makeUser(), makeAdmin(), makeUser()]);
  userId = user.id;
  clients = {
    anonymous: anonymousClient(),
    user: await signedInClient(user.email, user.password),
    admin: await signedInClient(admin.email, admin.password),
  };
  const model = await makeModel(upstream.url);
  const { providerId } = await db().model.findUniqueOrThrow({ where: { id: model.id }, select: { providerId: true } });
  const apiKey = await makeApiKey(target.id);
  ids = { providerId, modelId: model.id, userId: target.id, apiKeyId: apiKey.id, userEmail: target.email };
});
afterAll(() => upstream.close());

function fill(text: string): string {
  return text
    .replace("[providerId]", ids.providerId)
    .replace("[modelId]", ids.modelId)
    .replace("[userId]", ids.userId)
    .replace("[apiKeyId]", ids.apiKeyId)
    .replace("[userEmail]", ids.userEmail)
    .replace("[upstream]", upstream.url);
}

async function call(caller: Caller, row: Row): Promise<number> {
  const init: RequestInit = { method: row.method };
  if (row.body !== undefined) {
    init.headers = { "content-type": "application/json" };
    init.body = fill(JSON.stringify(row.body));
  }
  const response = await clients[caller].fetch(fill(row.route), init);
  await response.arrayBuffer();
  return response.status;
}

/** Everything an admin call of the matrix could change, limited to this file's rows (other files run alongside). */
async function snapshot() {
  const [provider, model, target, auditByUser, created, policy, publicLinks, apiKey, apiAccess, limit, price] =
    await Promise.all([
      db().provider.findUnique({ where: { id: ids.providerId } }),
      db().model.findUnique({ where: { id: ids.modelId } }),
      db().user.findUnique({ where: { id: ids.userId } }),
      db().auditLog.count({ where: { actorId: userId } }),
      Promise.all([
        db().provider.count({ where: { name: newProviderName } }),
        db().model.count({ where: { upstreamName: newModelName } }),
      ]),
      db().setting.findUnique({ where: { key: "registrationPolicy" } }),
      db().setting.findUnique({ where: { key: "publicShareLinks" } }),
      db().apiKey.findUnique({ where: { id: ids.apiKeyId } }),
      db().setting.findUnique({ where: { key: "apiAccess" } }),
      db().usageLimit.findUnique({ where: { subject: `user:${ids.userId}` } }),
      db().modelPrice.findUnique({ where: { modelId: ids.modelId } }),
    ]);
  return {
    provider,
    model,
    target,
    auditByUser,
    created,
    policy: policy?.value ?? null,
    publicLinks: publicLinks?.value ?? null,
    apiKey,
    apiAccess: apiAccess?.value ?? null,
    limit,
    price,
  };
}

describe.sequential("admin access matrix", () => {
  for (const row of rows) {
    it(`${row.method} ${row.route}: anonymous ${row.expected.anonymous}, user ${row.expected.user}, admin ${row.expected.admin}`, async () => {
      for (const caller of ["anonymous", "user"] as const) {
        const before = await snapshot();
        expect(await call(caller, row), caller).toBe(row.expected[caller]);
        expect(await snapshot(), `${caller} left no trace`).toEqual(before);
      }
      expect(await call("admin", row)).toBe(row.expected.admin);
    });
  }

  for (const row of pages) {
    it(`page ${row.page}: anonymous to sign-in, user 404, admin ${row.admin.status}`, async () => {
      const anonymous = await clients.anonymous.fetch(row.page);
      expect(anonymous.status).toBe(307);
      expect(new URL(anonymous.headers.get("location") ?? "", "http://x").pathname).toBe("/sign-in");
      const user = await clients.user.fetch(row.page);
      expect(user.status).toBe(404);
      expect(await user.text()).not.toContain("Parley admin");
      const admin = await clients.admin.fetch(row.page);
      expect(admin.status).toBe(row.admin.status);
      if (row.admin.location) expect(admin.headers.get("location")).toContain(row.admin.location);
      else expect(await admin.text()).toContain("Parley admin");
    });
  }

  it("has rows for every route the inventory gives this matrix (tests/support/route-inventory.ts)", () => {
    expect(routesOfMatrix("admin").length).toBeGreaterThan(10);
    expect(uncoveredRoutes("admin", rows)).toEqual([]);
  });

  it("has rows for every admin page", () => {
    const pagesDir = path.resolve(import.meta.dirname, "../../app/(admin)");
    const found = (readdirSync(pagesDir, { recursive: true }) as string[])
      .filter((file) => file.endsWith("page.tsx"))
      .map((file) => `/${path.dirname(file)}`);
    expect(found.sort()).toEqual(pages.map((row) => row.page).sort());
  });
});
