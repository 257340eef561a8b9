// Users in the console: search, role and status changes that end sessions at once, deletion with the private
// conversations, no changes to oneself; and the audit log that records it all, filtered by actor, action and date.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeAdmin, makeUser } from "../support/factories";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

let admin: Client;
let adminAccount: Awaited<ReturnType<typeof makeAdmin>>;

beforeAll(async () => {
  adminAccount = await makeAdmin();
  admin = await signedInClient(adminAccount.email, adminAccount.password);
});

async function signedInUser(name = "Someone") {
  const account = await makeUser({ name });
  return { account, client: await signedInClient(account.email, account.password) };
}

const sessionOf = async (client: Client) =>
  ((await (await client.fetch("/api/auth/session")).json()) as { user?: { role: string } }).user ?? null;

describe("users", () => {
  it("finds users by part of their email or name", async () => {
    const marker = randomUUID().slice(0, 8);
    const byName = await makeUser({ name: `Grace ${marker}` });
    const response = await admin.fetch(`/api/admin/users?q=${marker.toUpperCase()}`);
    const { items } = (await response.json()) as { items: { id: string; email: string }[] };
    expect(items.map((item) => item.id)).toEqual([byName.id]);
    expect(JSON.stringify(items)).not.toContain("passwordHash");
    expect((await admin.fetch("/api/admin/users?unknown=1")).status).toBe(400);
  });

  it("promotes and demotes; a demoted admin loses the console at once", async () => {
    const { account, client } = await signedInUser();
    expect((await client.fetch("/api/admin/users")).status).toBe(403);
    await admin.json(`/api/admin/users/${account.id}`, { role: "ADMIN" }, "PATCH");
    expect((await client.fetch("/api/admin/users")).status).toBe(200);
    await admin.json(`/api/admin/users/${account.id}`, { role: "USER" }, "PATCH");
    // Demotion ends every session: the old cookie no longer signs in anyone.
    expect(await sessionOf(client)).toBeNull();
    expect((await client.fetch("/api/admin/users")).status).toBe(401);
  });

  it("disables an account, ending its sessions at once, and enables it again", async () => {
    const { account, client } = await signedInUser();
    const disabled = await admin.json(`/api/admin/users/${account.id}`, { status: "DISABLED" }, "PATCH");
    expect(await disabled.json()).toMatchObject({ status: "DISABLED" });
    expect((await client.fetch("/api/conversations")).status).toBe(401);
    await expect(signedInClient(account.email, account.password)).rejects.toThrow(/Sign-in failed/);

    await admin.json(`/api/admin/users/${account.id}`, { status: "ACTIVE" }, "PATCH");
    const again = await signedInClient(account.email, account.password);
    expect((await again.fetch("/api/conversations")).status).toBe(200);
    // The session from before the suspension stays ended.
    expect(await sessionOf(client)).toBeNull();
  });

  it("deletes an account with its private conversations", async () => {
    const { account, client } = await signedInUser();
    const created = await client.json("/api/conversations", { title: "Diary" });
    const { id } = (await created.json()) as { id: string };
    expect((await admin.fetch(`/api/admin/users/${account.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await db().user.findUnique({ where: { id: account.id } })).toBeNull();
    expect(await db().conversation.findUnique({ where: { id } })).toBeNull();
    expect((await client.fetch("/api/conversations")).status).toBe(401);
    expect((await admin.fetch(`/api/admin/users/${account.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("answers a change that changes nothing with the user, and writes no audit entry for it", async () => {
    const other = await makeAdmin();
    const auditEntries = () => db().auditLog.count({ where: { targetId: other.id } });
    const response = await admin.json(`/api/admin/users/${other.id}`, { role: "ADMIN", status: "ACTIVE" }, "PATCH");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: other.id, email: other.email, role: "ADMIN", status: "ACTIVE" });
    expect(await auditEntries()).toBe(0);
    // The session stays: nothing was taken away.
    const client = await signedInClient(other.email, other.password);
    await admin.json(`/api/admin/users/${other.id}`, { role: "ADMIN" }, "PATCH");
    expect((await client.fetch("/api/admin/users")).status).toBe(200);
    await admin.json(`/api/admin/users/${other.id}`, { status: "DISABLED" }, "PATCH");
    expect(await auditEntries()).toBe(1);
  });

  it("does not let an admin change or delete their own account", async () => {
    const path = `/api/admin/users/${adminAccount.id}`;
    const refusals = [
      await admin.json(path, { role: "USER" }, "PATCH"),
      await admin.json(path, { status: "DISABLED" }, "PATCH"),
      await admin.fetch(path, { method: "DELETE" }),
    ];
    for (const refusal of refusals) {
      expect(refusal.status).toBe(409);
      expect(((await refusal.json()) as { error: { code: string } }).error.code).toBe("own_account");
    }
    expect(await db().user.findUniqueOrThrow({ where: { id: adminAccount.id } })).toMatchObject({
      role: "ADMIN",
      status: "ACTIVE",
    });
    expect((await admin.json(path, { status: "PENDING" }, "PATCH")).status).toBe(400);
  });
});

describe("audit log", () => {
  it("lists admin actions newest first, filtered by actor, action and date", async () => {
    const other = await makeAdmin();
    const otherClient = await signedInClient(other.email, other.password);
    const [first, second] = [await makeUser(), await makeUser()];
    await admin.json(`/api/admin/users/${first.id}`, { status: "DISABLED" }, "PATCH");
    await otherClient.json(`/api/admin/users/${second.id}`, { role: "ADMIN" }, "PATCH");
    await admin.fetch(`/api/admin/users/${second.id}`, { method: "DELETE" });

    type Page = { items: { action: string; targetId: string; actorEmail: string }[]; nextCursor: string | null };
    const list = async (query: string) => (await (await admin.fetch(`/api/admin/audit-log?${query}`)).json()) as Page;
    const mine = await list(`actor=${encodeURIComponent(adminAccount.email)}`);
    expect(mine.items.slice(0, 2).map((item) => [item.action, item.targetId])).toEqual([
      ["user.delete", second.id],
      ["user.update", first.id],
    ]);
    expect(mine.items.every((item) => item.actorEmail === adminAccount.email)).toBe(true);
    const theirs = await list(`actor=${encodeURIComponent(other.email)}&action=user.update`);
    expect(theirs.items.map((item) => item.targetId)).toEqual([second.id]);

    const today = new Date().toISOString().slice(0, 10);
    expect((await list(`actor=${encodeURIComponent(other.email)}&from=${today}&to=${today}`)).items).toHaveLength(1);
    expect((await list(`actor=${encodeURIComponent(other.email)}&to=2000-01-01`)).items).toEqual([]);
    expect((await admin.fetch("/api/admin/audit-log?from=yesterday")).status).toBe(400);
    expect((await admin.fetch("/api/admin/audit-log?action=user.explode")).status).toBe(400);
  });

  it("names who acted and on whom, by name and email, with the id kept for hovering, also after a deletion", async () => {
    const named = await makeAdmin();
    const client = await signedInClient(named.email, named.password);
    const [kept, gone] = [await makeUser({ name: "Kept Person" }), await makeUser({ name: "Gone Person" })];
    await client.json(`/api/admin/users/${kept.id}`, { status: "DISABLED" }, "PATCH");
    await client.fetch(`/api/admin/users/${gone.id}`, { method: "DELETE" });

    type Party = { id: string | null; name: string | null; email: string | null };
    const page = (await (
      await admin.fetch(`/api/admin/audit-log?actor=${encodeURIComponent(named.email)}`)
    ).json()) as { items: { action: string; actor: Party; target: Party }[] };
    const actor = { id: named.id, name: "Test Admin", email: named.email };
    expect(page.items.map(({ action, actor, target }) => ({ action, actor, target }))).toEqual([
      { action: "user.delete", actor, target: { id: gone.id, name: "Gone Person", email: gone.email } },
      { action: "user.update", actor, target: { id: kept.id, name: "Kept Person", email: kept.email } },
    ]);

    const html = await (await admin.fetch(`/admin/audit-log?actor=${encodeURIComponent(named.email)}`)).text();
    expect(html).toContain(`title="${kept.id}"`);
    expect(html).toContain(`Kept Person (${kept.email})`);
    expect(html).toContain(`Gone Person (${gone.email})`);
    expect(html).not.toContain(`user ${kept.id}`);
  });

  it("pages through entries with a cursor, without repeating any", async () => {
    const admin2 = await makeAdmin();
    const client = await signedInClient(admin2.email, admin2.password);
    const targets = await Promise.all(Array.from({ length: 55 }, () => makeUser()));
    for (const target of targets) await client.json(`/api/admin/users/${target.id}`, { status: "DISABLED" }, "PATCH");
    const actor = encodeURIComponent(admin2.email);
    const first = (await (await admin.fetch(`/api/admin/audit-log?actor=${actor}`)).json()) as {
      items: { id: string }[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(50);
    const second = (await (
      await admin.fetch(`/api/admin/audit-log?actor=${actor}&cursor=${first.nextCursor}`)
    ).json()) as { items: { id: string }[]; nextCursor: string | null };
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((item) => item.id)).size).toBe(55);
    expect((await anonymousClient().fetch(`/api/admin/audit-log?actor=${actor}`)).status).toBe(401);
  });
});
