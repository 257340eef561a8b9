// Accounts people manage themselves (issue 16): the disabled account's answer, name and email, password change and
// the sessions it ends, custom instructions, deleting one's own account, and the admin's one-time reset link.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeApiKey } from "../support/api-keys";
import { answerAfterHeldWrite } from "../support/blocked-by";
import {
  addMember,
  makeAdmin,
  makeModel,
  makePerson,
  makeTeam,
  makeUser,
  TEST_PASSWORD,
  uniqueEmail,
} from "../support/factories";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { collectEvents } from "../support/read-events";
import { anonymousClient, type Client, signedInClient } from "../support/session-client";

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());

/** next-auth's own credentials sign-in: where it sends the browser (the error is in that URL). */
async function signInUrl(email: string, password: string): Promise<string> {
  const client = anonymousClient();
  const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await client.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  return decodeURIComponent(((await response.json()) as { url: string }).url);
}

const canUse = async (client: Client) => (await client.fetch("/api/conversations")).status;

describe("a disabled account", () => {
  it("is told it is disabled with the right password, and gets the generic answer with a wrong one", async () => {
    const user = await makeUser();
    await db().user.update({ where: { id: user.id }, data: { status: "DISABLED" } });
    expect(await signInUrl(user.email, user.password)).toContain(
      "This account is disabled. Ask an admin to enable it.",
    );
    const wrong = await signInUrl(user.email, "not the password");
    expect(wrong).not.toContain("disabled");
    expect(wrong).toBe(await signInUrl(uniqueEmail(), "not the password"));
  });
});

describe("name and email", () => {
  it("changes the name, and the email only with the current password, unique whatever its case", async () => {
    const [user, other] = await Promise.all([makeUser(), makeUser()]);
    const client = await signedInClient(user.email, user.password);
    const renamed = await client.json("/api/account", { name: "Renamed Person" }, "PATCH");
    expect(renamed.status).toBe(200);
    expect(await (await client.fetch("/api/auth/session")).json()).toMatchObject({ user: { name: "Renamed Person" } });

    const newEmail = uniqueEmail("New");
    expect((await client.json("/api/account", { email: newEmail }, "PATCH")).status).toBe(400);
    const wrong = await client.json("/api/account", { email: newEmail, currentPassword: "wrong password" }, "PATCH");
    expect(wrong.status).toBe(400);
    const taken = { email: other.email.toUpperCase(), currentPassword: TEST_PASSWORD };
    expect((await client.json("/api/account", taken, "PATCH")).status).toBe(409);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);

    const moved = await client.json("/api/account", { email: newEmail, currentPassword: TEST_PASSWORD }, "PATCH");
    expect(moved.status).toBe(200);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(newEmail.toLowerCase());
    await expect(signedInClient(newEmail, TEST_PASSWORD)).resolves.toBeDefined();
  });
});

describe("changing the password", () => {
  it("needs the current password, ends the other sessions by default and keeps this one", async () => {
    const user = await makeUser();
    const [client, otherDevice] = await Promise.all([
      signedInClient(user.email, user.password),
      signedInClient(user.email, user.password),
    ]);
    const refused = await client.json("/api/account/password", { currentPassword: "nope", newPassword: "a new one!" });
    expect(refused.status).toBe(400);
    expect(await canUse(otherDevice)).toBe(200);

    const changed = await client.json("/api/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "a new one!",
    });
    expect(changed.status).toBe(204);
    expect(await canUse(client)).toBe(200);
    expect(await canUse(otherDevice)).toBe(401);
    await expect(signedInClient(user.email, TEST_PASSWORD)).rejects.toThrow(/Sign-in failed/);
    await expect(signedInClient(user.email, "a new one!")).resolves.toBeDefined();
  });

  it("keeps the other sessions when asked to", async () => {
    const user = await makeUser();
    const [client, otherDevice] = await Promise.all([
      signedInClient(user.email, user.password),
      signedInClient(user.email, user.password),
    ]);
    const body = { currentPassword: TEST_PASSWORD, newPassword: "another one", signOutOtherDevices: false };
    expect((await client.json("/api/account/password", body)).status).toBe(204);
    expect(await canUse(otherDevice)).toBe(200);
  });
});

describe("custom instructions", () => {
  it("reach the upstream after the admin's prompt on the sender's turns, never on another member's", async () => {
    const upstreamName = `model-${randomUUID().slice(0, 8)}`;
    upstream.scenarioForModel(upstreamName, { reply: "Sure." });
    const model = await makeModel(upstream.url, { upstreamName, systemPrompt: "Admin prompt." });
    const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
    const saved = await ana.client.json(
      "/api/account/instructions",
      { customInstructions: "I am Ana. Be brief." },
      "PUT",
    );
    expect(saved.status).toBe(200);
    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "EDITOR"), addMember(team.id, ben.id, "EDITOR")]);
    const { id } = (await (await ana.client.json("/api/conversations", { modelId: model.id })).json()) as {
      id: string;
    };
    expect((await ana.client.json(`/api/conversations/${id}/team`, { teamId: team.id }, "PUT")).status).toBe(200);

    const systemOf = async (who: typeof ana, content: string) => {
      const before = upstream.requests.length;
      await collectEvents(await who.client.json(`/api/conversations/${id}/messages`, { content }));
      const [request] = upstream.requests
        .slice(before)
        .filter((r) => (r.body as { model: string }).model === upstreamName);
      const body = request?.body as { messages: { role: string; content: string }[] } | undefined;
      const messages = body?.messages ?? [];
      return messages.filter((message) => message.role === "system").map((message) => message.content);
    };
    expect(await systemOf(ana, "Hello")).toEqual(["Admin prompt.\n\nI am Ana. Be brief."]);
    expect(await systemOf(ben, "And me")).toEqual(["Admin prompt."]);
  });
});

describe("custom instructions in the context window", () => {
  it("count like the system prompt: a message they leave no room for is refused before it is stored", async () => {
    const model = await makeModel(upstream.url, { contextWindow: 600, maxOutputTokens: 100 });
    const user = await makeUser();
    const client = await signedInClient(user.email, user.password);
    const { id } = (await (await client.json("/api/conversations", { modelId: model.id })).json()) as { id: string };
    const long = "Please always remember that I like very detailed answers. ".repeat(60);
    expect((await client.json("/api/account/instructions", { customInstructions: long }, "PUT")).status).toBe(200);
    const refused = await client.json(`/api/conversations/${id}/messages`, { content: "Hi" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("context_overflow");
    expect(await db().message.count({ where: { conversationId: id } })).toBe(0);

    expect((await client.json("/api/account/instructions", { customInstructions: "" }, "PUT")).status).toBe(200);
    const sent = await client.json(`/api/conversations/${id}/messages`, { content: "Hi" });
    expect(sent.status).toBe(200);
    await collectEvents(sent);
  });
});

describe("deleting one's own account", () => {
  it("needs the email typed and the password, then deletes private conversations and leaves team ones with the team", async () => {
    const [ana, ben] = await Promise.all([makePerson("Ana"), makePerson("Ben")]);
    const account = await db().user.findUniqueOrThrow({ where: { id: ana.id } });
    const team = await makeTeam();
    await Promise.all([addMember(team.id, ana.id, "OWNER"), addMember(team.id, ben.id, "VIEWER")]);
    const create = async () =>
      ((await (await ana.client.json("/api/conversations", { title: "x" })).json()) as { id: string }).id;
    const [privateId, teamId] = [await create(), await create()];
    await ana.client.json(`/api/conversations/${teamId}/team`, { teamId: team.id }, "PUT");

    const deleteWith = (body: object) => ana.client.json("/api/account", body, "DELETE");
    expect((await deleteWith({ email: "other@example.test", currentPassword: TEST_PASSWORD })).status).toBe(400);
    // The session alone (someone at a computer left signed in) does not delete the account: its password does.
    const withoutPassword = await deleteWith({ email: account.email });
    expect([withoutPassword.status, await withoutPassword.text()]).toEqual([400, expect.stringContaining("password")]);
    expect((await deleteWith({ email: account.email, currentPassword: "not the password" })).status).toBe(400);
    expect(await db().user.count({ where: { id: ana.id } })).toBe(1);
    const deleted = await deleteWith({ email: account.email.toUpperCase(), currentPassword: TEST_PASSWORD });
    expect(deleted.status).toBe(204);
    expect(await db().user.count({ where: { id: ana.id } })).toBe(0);
    expect(await db().conversation.count({ where: { id: privateId } })).toBe(0);
    expect(await db().conversation.findUnique({ where: { id: teamId } })).toMatchObject({
      ownerId: null,
      deletedAt: null,
    });
    // The team Ana alone owned passes to its other member.
    expect(await db().membership.findFirst({ where: { teamId: team.id, userId: ben.id } })).toMatchObject({
      role: "OWNER",
    });
    expect(await canUse(ana.client)).toBe(401);
    const audit = await db().auditLog.findFirst({ where: { action: "user.delete", targetId: ana.id } });
    expect(audit?.actorEmail).toBe(account.email);
  });
});

describe("deleting an account that has no password (single sign-on only)", () => {
  it("needs only the email typed: there is no password to ask for", async () => {
    const sso = await makePerson("Sso");
    await db().user.update({ where: { id: sso.id }, data: { hasPassword: false } });
    const { email } = await db().user.findUniqueOrThrow({ where: { id: sso.id } });
    expect((await sso.client.json("/api/account", { email }, "DELETE")).status).toBe(204);
    expect(await db().user.count({ where: { id: sso.id } })).toBe(0);
  });
});

describe("the admin's reset link", () => {
  it("is shown once, audited, sets the password once and ends every session and API key of the user", async () => {
    // Another admin's account: the API is open to admins by default, so that the key works before the reset.
    const [admin, user] = await Promise.all([makeAdmin(), makeAdmin()]);
    const adminClient = await signedInClient(admin.email, admin.password);
    const userClient = await signedInClient(user.email, user.password);
    const key = await makeApiKey(user.id);
    const listModels = () =>
      fetch(`${inject("baseUrl")}/v1/models`, { headers: { authorization: `Bearer ${key.secret}` } });
    expect((await listModels()).status).toBe(200);
    const created = await adminClient.fetch(`/api/admin/users/${user.id}/reset-link`, { method: "POST" });
    expect(created.status).toBe(201);
    const { url, expiresAt } = (await created.json()) as { url: string; expiresAt: string };
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    const token = url.split("/reset-password/")[1] ?? "";
    expect(await db().passwordResetToken.count({ where: { tokenHash: token } })).toBe(0);
    const audit = await db().auditLog.findFirst({ where: { action: "user.reset_link", targetId: user.id } });
    expect(audit?.actorId).toBe(admin.id);

    const page = await anonymousClient().fetch(`/reset-password/${token}`);
    expect(await page.text()).toContain(user.email);
    const reset = await anonymousClient().json("/api/auth/password-reset", { token, password: "reset password" });
    expect(reset.status).toBe(204);
    // The browser that set the new password is a known device of the account (it signs in through a lock-out).
    expect(reset.headers.getSetCookie().some((cookie) => cookie.startsWith("parley-device="))).toBe(true);
    expect(await canUse(userClient)).toBe(401);
    // Whoever held the account meanwhile keeps no way in: the keys made before the reset are revoked.
    expect((await listModels()).status).toBe(401);
    await expect(signedInClient(user.email, "reset password")).resolves.toBeDefined();
    const again = await anonymousClient().json("/api/auth/password-reset", { token, password: "another try!" });
    expect(again.status).toBe(400);
    await expect(signedInClient(user.email, "another try!")).rejects.toThrow(/Sign-in failed/);
  });

  it("refuses an expired link", async () => {
    const [admin, user] = await Promise.all([makeAdmin(), makeUser()]);
    const adminClient = await signedInClient(admin.email, admin.password);
    const created = await adminClient.fetch(`/api/admin/users/${user.id}/reset-link`, { method: "POST" });
    const token = ((await created.json()) as { url: string }).url.split("/reset-password/")[1] ?? "";
    await db().passwordResetToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await anonymousClient().json("/api/auth/password-reset", { token, password: "too late!" })).status).toBe(
      400,
    );
    expect(await (await anonymousClient().fetch(`/reset-password/${token}`)).text()).not.toContain(user.email);
  });

  it("ends with a new password or email: a link made before either sets no password", async () => {
    const [admin, user, mover] = await Promise.all([makeAdmin(), makeUser(), makeUser()]);
    const adminClient = await signedInClient(admin.email, admin.password);
    const linkFor = async (userId: string) => {
      const created = await adminClient.fetch(`/api/admin/users/${userId}/reset-link`, { method: "POST" });
      return ((await created.json()) as { url: string }).url.split("/reset-password/")[1] ?? "";
    };
    const resetWith = (token: string) =>
      anonymousClient().json("/api/auth/password-reset", { token, password: "taken over!" });

    const [first, second] = [await linkFor(user.id), await linkFor(user.id)];
    const client = await signedInClient(user.email, user.password);
    const changed = await client.json("/api/account/password", {
      currentPassword: TEST_PASSWORD,
      newPassword: "mine!!!!",
    });
    expect(changed.status).toBe(204);
    expect((await resetWith(first)).status).toBe(400);
    await expect(signedInClient(user.email, "mine!!!!")).resolves.toBeDefined();
    // A reset ends the other links too.
    const [third, fourth] = [await linkFor(user.id), await linkFor(user.id)];
    expect(
      (await anonymousClient().json("/api/auth/password-reset", { token: third, password: "reset!!!" })).status,
    ).toBe(204);
    expect((await resetWith(fourth)).status).toBe(400);
    expect((await resetWith(second)).status).toBe(400);

    const beforeMove = await linkFor(mover.id);
    const moverClient = await signedInClient(mover.email, mover.password);
    const moved = await moverClient.json(
      "/api/account",
      { email: uniqueEmail("Moved"), currentPassword: TEST_PASSWORD },
      "PATCH",
    );
    expect(moved.status).toBe(200);
    expect((await resetWith(beforeMove)).status).toBe(400);
  });
});

describe("forgot password without mail", () => {
  it("is not offered: the page says to ask an admin, and the route answers 404", async () => {
    const page = await anonymousClient().fetch("/forgot-password");
    expect(await page.text()).toContain("Ask an admin for a password reset link");
    expect((await anonymousClient().json("/api/auth/forgot-password", { email: uniqueEmail() })).status).toBe(404);
  });
});

describe("single sign-on providers in the console", () => {
  it("adds GitHub without OpenID discovery, and its button goes to GitHub's OAuth page with its scopes", async () => {
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const slug = `gh-${randomUUID().slice(0, 8)}`;
    const created = await adminClient.json("/api/admin/sso-providers", {
      slug,
      label: "GitHub",
      issuer: "https://github.com",
      clientId: "Iv1.github-client",
      clientSecret: "github-secret",
      scopes: "read:user user:email",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      const client = anonymousClient();
      const { csrfToken } = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const started = await client.fetch(`/api/auth/signin/sso-${slug}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, json: "true" }),
      });
      const url = new URL(((await started.json()) as { url: string }).url);
      expect(`${url.origin}${url.pathname}`).toBe("https://github.com/login/oauth/authorize");
      expect(url.searchParams.get("client_id")).toBe("Iv1.github-client");
      expect(url.searchParams.get("scope")).toBe("read:user user:email");
      expect(url.searchParams.get("state")).toBeTruthy();
    } finally {
      await adminClient.fetch(`/api/admin/sso-providers/${id}`, { method: "DELETE" });
    }
  });

  it("edits a provider in place, keeping its secret unless a new one is given, audited without the secret", async () => {
    const [admin, team] = await Promise.all([makeAdmin(), makeTeam()]);
    const adminClient = await signedInClient(admin.email, admin.password);
    const slug = `edit-${randomUUID().slice(0, 8)}`;
    const created = await adminClient.json("/api/admin/sso-providers", {
      slug,
      label: "Before",
      issuer: "https://github.com",
      clientId: "client-before",
      clientSecret: "secret-before",
    });
    const { id } = (await created.json()) as { id: string };
    const taken = await adminClient.json("/api/admin/sso-providers", {
      slug,
      label: "Twin",
      issuer: "https://github.com",
      clientId: "client-twin",
      clientSecret: "secret-twin",
    });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: unknown }).error).toEqual({
      code: "sso_provider_name_taken",
      message: "Another provider already uses this short name.",
    });
    const sealed = async () =>
      (await db().ssoProvider.findUniqueOrThrow({ where: { id }, select: { clientSecretEncrypted: true } }))
        .clientSecretEncrypted;
    const originalSecret = await sealed();
    try {
      const changes = {
        label: "After",
        clientId: "client-after",
        allowLinking: true,
        adminGroup: "",
        teamMappings: [{ group: "research", teamId: team.id, role: "EDITOR" }],
      };
      const edited = await adminClient.json(`/api/admin/sso-providers/${id}`, changes, "PATCH");
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({ slug, label: "After", clientId: "client-after", allowLinking: true });
      expect(await sealed()).toBe(originalSecret);
      const listed = (await (await adminClient.fetch("/api/admin/sso-providers")).json()) as { id: string }[];
      expect(listed.find((provider) => provider.id === id)).toMatchObject({ teamMappings: changes.teamMappings });

      const entries = await db().auditLog.findMany({ where: { targetId: `sso:${slug}`, actorId: admin.id } });
      const audit = entries.find((entry) => entry.before !== null);
      expect(audit?.before).toMatchObject({ label: "Before", clientId: "client-before" });
      expect(audit?.after).toMatchObject({ label: "After", clientId: "client-after" });

      const rekeyed = await adminClient.json(`/api/admin/sso-providers/${id}`, { clientSecret: "secret-new" }, "PATCH");
      expect(rekeyed.status).toBe(200);
      expect(await sealed()).not.toBe(originalSecret);
      const latest = await db().auditLog.findFirst({
        where: { targetId: `sso:${slug}` },
        orderBy: { createdAt: "desc" },
      });
      expect(JSON.stringify(latest)).not.toContain("secret-new");
      expect(latest?.after).toMatchObject({ clientSecret: "replaced" });

      const renamed = await adminClient.json(`/api/admin/sso-providers/${id}`, { slug: "other" }, "PATCH");
      expect(renamed.status).toBe(400);
    } finally {
      await adminClient.fetch(`/api/admin/sso-providers/${id}`, { method: "DELETE" });
    }
  });

  describe("edited by two admins at once", () => {
    const staleError = {
      code: "stale_version",
      message:
        "This sign-in provider was changed by someone else since you opened it. Reload to see the changes, then edit again.",
      details: { currentVersion: 2 },
    };
    const added = { label: "Before", issuer: "https://github.com", clientId: "client-before", clientSecret: "secret" };
    // What the console's edit form sends of the provider as added, unchanged (it has no team mappings).
    const editForm = {
      label: "Before",
      clientId: "client-before",
      scopes: "openid email profile",
      allowLinking: false,
      allowedDomains: "",
      adminGroup: "",
      teamMappings: [],
    };

    async function withProvider(use: (adminClient: Client, id: string, slug: string) => Promise<void>) {
      const admin = await makeAdmin();
      const adminClient = await signedInClient(admin.email, admin.password);
      const slug = `stale-${randomUUID().slice(0, 8)}`;
      const created = await adminClient.json("/api/admin/sso-providers", { ...added, slug });
      expect(created.status).toBe(201);
      const { id, version } = (await created.json()) as { id: string; version: number };
      expect(version).toBe(1);
      try {
        await use(adminClient, id, slug);
      } finally {
        await adminClient.fetch(`/api/admin/sso-providers/${id}`, { method: "DELETE" });
      }
    }
    const auditCount = (slug: string) => db().auditLog.count({ where: { targetId: `sso:${slug}` } });

    it("refuses a form loaded from an older version, writing nothing, and takes one of the current version", async () => {
      await withProvider(async (adminClient, id, slug) => {
        const edit = (changes: Record<string, unknown>) =>
          adminClient.json(`/api/admin/sso-providers/${id}`, { ...editForm, ...changes }, "PATCH");
        // Ada's form and Dave's were both loaded at version 1; Ada saves a new label first.
        const ada = await edit({ label: "After (A)", expectedVersion: 1 });
        expect(ada.status).toBe(200);
        expect(await ada.json()).toMatchObject({ label: "After (A)", version: 2 });

        // Dave's form still holds the old label, and changes the client ID only.
        const dave = await edit({ clientId: "client-dave", expectedVersion: 1 });
        expect(dave.status).toBe(409);
        expect(await dave.json()).toEqual({ error: staleError });
        expect(await db().ssoProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({
          label: "After (A)",
          clientId: "client-before",
          version: 2,
        });
        expect(await auditCount(slug)).toBe(2);

        // Reloaded, Dave's form is at version 2.
        const reloaded = await edit({ label: "After (A)", clientId: "client-dave", expectedVersion: 2 });
        expect(reloaded.status).toBe(200);
        expect(await reloaded.json()).toMatchObject({ label: "After (A)", clientId: "client-dave", version: 3 });
      });
    });

    it("refuses a stale form even when the other change commits while the save waits for the provider", async () => {
      await withProvider(async (adminClient, id) => {
        const refused = await answerAfterHeldWrite(
          [[`UPDATE "SsoProvider" SET label = 'Other', version = version + 1 WHERE id = $1`, [id]]],
          () => adminClient.json(`/api/admin/sso-providers/${id}`, { label: "Mine", expectedVersion: 1 }, "PATCH"),
        );
        expect(refused.status).toBe(409);
        expect(await refused.json()).toEqual({ error: staleError });
        expect(await db().ssoProvider.findUniqueOrThrow({ where: { id } })).toMatchObject({
          label: "Other",
          version: 2,
        });
      });
    });

    it("still applies a change without a version (API clients) to the fields it names", async () => {
      await withProvider(async (adminClient, id) => {
        const scripted = await adminClient.json(`/api/admin/sso-providers/${id}`, { clientId: "client-new" }, "PATCH");
        expect(scripted.status).toBe(200);
        expect(await scripted.json()).toMatchObject({ label: "Before", clientId: "client-new", version: 2 });
        const zero = await adminClient.json(
          `/api/admin/sso-providers/${id}`,
          { label: "X", expectedVersion: 0 },
          "PATCH",
        );
        expect(zero.status).toBe(400);
      });
    });

    it("leaves an unchanged provider alone: no new version, no audit entry", async () => {
      await withProvider(async (adminClient, id, slug) => {
        const saved = await adminClient.json(
          `/api/admin/sso-providers/${id}`,
          { ...editForm, expectedVersion: 1 },
          "PATCH",
        );
        expect(saved.status).toBe(200);
        expect(await saved.json()).toMatchObject({ version: 1 });
        expect(await auditCount(slug)).toBe(1);
      });
    });
  });

  it("takes only domain names as allowed email domains, stored lower-case, each once", async () => {
    const admin = await makeAdmin();
    const adminClient = await signedInClient(admin.email, admin.password);
    const provider = {
      slug: `domains-${randomUUID().slice(0, 8)}`,
      label: "Domains",
      issuer: "https://github.com",
      clientId: "client",
      clientSecret: "secret",
    };
    const refused = await adminClient.json("/api/admin/sso-providers", {
      ...provider,
      allowedDomains: "not a domain, @@",
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
      {
        path: ["allowedDomains"],
        message: "Enter domain names such as example.com, separated by commas: “not” is not one.",
        rule: "domain_list",
        values: { entry: "not" },
      },
    ]);
    expect(await db().ssoProvider.findUnique({ where: { slug: provider.slug } })).toBeNull();

    const created = await adminClient.json("/api/admin/sso-providers", {
      ...provider,
      allowedDomains: "Example.COM, bücher.de xn--bcher-kva.de",
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    try {
      const stored = () => db().ssoProvider.findUniqueOrThrow({ where: { id }, select: { allowedDomains: true } });
      expect(await stored()).toEqual({ allowedDomains: "example.com, bücher.de" });
      const edited = await adminClient.json(
        `/api/admin/sso-providers/${id}`,
        { allowedDomains: "@example.com" },
        "PATCH",
      );
      expect(edited.status).toBe(400);
      expect(await stored()).toEqual({ allowedDomains: "example.com, bücher.de" });
      const cleared = await adminClient.json(`/api/admin/sso-providers/${id}`, { allowedDomains: "" }, "PATCH");
      expect(cleared.status).toBe(200);
      expect(await stored()).toEqual({ allowedDomains: null });
    } finally {
      await adminClient.fetch(`/api/admin/sso-providers/${id}`, { method: "DELETE" });
    }
  });
});
