// Two admins acting on each other (or on themselves) at the same moment never leave the install without an active
// admin: demotions, disablings, deletions and self-deletions raced in pairs, 20 rounds each, on a server of its own
// whose database holds only the two admins of the round (on the suite's shared database, other tests' admins would
// always remain).
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createEmptyDatabase } from "../support/empty-database";
import { makeAdmin } from "../support/factories";
import { type Client, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const ROUNDS = 20;
let server: AppServer;
let dataDir: string;

type Admin = { id: string; email: string; password: string; client: Client };

beforeAll(async () => {
  dataDir = makeDataDir("parley-last-admin-");
  const databaseUrl = await createEmptyDatabase();
  // This file runs in its own process, and nothing has used the database yet: lib/ (the factories) writes to the
  // server's own database.
  process.env.DATABASE_URL = databaseUrl;
  server = await startAppServer({ databaseUrl, dataDir });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db().$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The install's only two admins, signed in: whoever was an admin before is one no more. */
async function twoAdmins(): Promise<[Admin, Admin]> {
  await db().user.updateMany({ where: { role: "ADMIN" }, data: { role: "USER" } });
  const signIn = async () => {
    const { id, email, password } = await makeAdmin();
    return { id, email, password, client: await signedInClient(email, password, server.baseUrl) };
  };
  return [await signIn(), await signIn()];
}

async function activeAdminIds(): Promise<string[]> {
  const admins = await db().user.findMany({ where: { role: "ADMIN", status: "ACTIVE" }, select: { id: true } });
  return admins.map((admin) => admin.id);
}

/**
 * Each of `first` and `second` does `act` to the other at once. Exactly one goes through; the other is refused with
 * 409, or with 401 when its request arrived after the winner had already ended its session. The winner is then the
 * only active admin.
 */
async function race(first: Admin, second: Admin, act: (actor: Admin, target: Admin) => Promise<Response>) {
  const [one, two] = await Promise.all([act(first, second), act(second, first)]);
  const winner = one.ok ? first : second;
  const refused = one.ok ? two : one;
  expect([one.ok, two.ok].filter(Boolean)).toHaveLength(1);
  expect([409, 401]).toContain(refused.status);
  expect(await activeAdminIds()).toEqual([winner.id]);
}

const patch = (body: object) => (actor: Admin, target: Admin) =>
  actor.client.json(`/api/admin/users/${target.id}`, body, "PATCH");

describe("two admins at once", () => {
  it("demoting each other: one demotion goes through, the other is refused", { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) await race(...(await twoAdmins()), patch({ role: "USER" }));
  });

  it("disabling each other: one is disabled, the other stays", { timeout: 120_000 }, async () => {
    for (let round = 0; round < ROUNDS; round++) await race(...(await twoAdmins()), patch({ status: "DISABLED" }));
  });

  it("deleting each other: one account goes, the other stays", { timeout: 120_000 }, async () => {
    const remove = (actor: Admin, target: Admin) =>
      actor.client.fetch(`/api/admin/users/${target.id}`, { method: "DELETE" });
    for (let round = 0; round < ROUNDS; round++) await race(...(await twoAdmins()), remove);
  });

  it("both deleting their own accounts: one leaves, the last admin is refused", { timeout: 120_000 }, async () => {
    const leave = (actor: Admin) =>
      actor.client.json("/api/account", { email: actor.email, currentPassword: actor.password }, "DELETE");
    for (let round = 0; round < ROUNDS; round++) {
      const [ada, dave] = await twoAdmins();
      const [one, two] = await Promise.all([leave(ada), leave(dave)]);
      expect([one.status, two.status].sort()).toEqual([204, 409]);
      const stayed = one.status === 409 ? ada : dave;
      const refusal = (await (one.status === 409 ? one : two).json()) as { error: { code: string } };
      expect(refusal.error.code).toBe("last_admin");
      expect(await activeAdminIds()).toEqual([stayed.id]);
    }
  });
});
