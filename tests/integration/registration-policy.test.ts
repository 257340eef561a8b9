// Registration policies on a server of their own (switching them would disturb the other files): REGISTRATION_POLICY
// decides until an admin chooses in the console; approval keeps new accounts PENDING on a waiting page; closed
// refuses them; the first account is an admin whatever the policy.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { anonymousClient, signedInClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const PASSWORD = "long enough";
let server: AppServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-policy-");
  const databaseUrl = await createEmptyDatabase();
  server = await startAppServer({ databaseUrl, dataDir, extraEnv: { REGISTRATION_POLICY: "closed" } });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function register(name: string) {
  const email = `${name.toLowerCase()}@example.test`;
  const response = await anonymousClient(server.baseUrl).json("/api/auth/register", {
    email,
    password: PASSWORD,
    name,
  });
  return { response, email, body: (await response.json()) as Record<string, unknown> };
}

it("applies the environment's policy, then the console's, and keeps pending accounts on the waiting page", async () => {
  // Closed by the environment, yet the very first account registers, as the admin: its page shows the form.
  expect(await (await anonymousClient(server.baseUrl).fetch("/register")).text()).toContain('type="password"');
  const first = await register("Founder");
  expect(first.response.status).toBe(201);
  expect(first.body).toMatchObject({ role: "ADMIN", status: "ACTIVE" });
  const admin = await signedInClient(first.email, PASSWORD, server.baseUrl);
  const closed = await register("Late");
  expect(closed.response.status).toBe(403);
  expect(closed.body).toEqual({
    error: { code: "forbidden", message: "Registration is closed. Ask an admin for an invitation." },
  });
  expect(await (await admin.fetch("/api/admin/registration-policy")).json()).toEqual({
    policy: "closed",
    source: "environment",
  });

  const policy = await admin.json("/api/admin/registration-policy", { policy: "approval" }, "PUT");
  expect(await policy.json()).toEqual({ policy: "approval", source: "console" });
  const waiting = await register("Patient");
  expect(waiting.body).toMatchObject({ role: "USER", status: "PENDING" });
  const pending = await signedInClient(waiting.email, PASSWORD, server.baseUrl);
  for (const page of ["/", "/admin"]) {
    const response = await pending.fetch(page);
    expect(response.status, page).toBe(307);
    expect(response.headers.get("location")).toContain("/waiting");
  }
  expect(await (await pending.fetch("/waiting")).text()).toContain("Waiting for approval");
  const refused = await pending.json("/api/conversations", {});
  expect(refused.status).toBe(403);
  expect((await pending.fetch("/api/models")).status).toBe(403);
  // The streaming routes, served beside Next, apply the same rule.
  expect((await pending.fetch("/api/conversations/aaaaaaaaaaaaaaaaaaaaaaaa/stream")).status).toBe(403);

  const { items } = (await (await admin.fetch("/api/admin/users?q=patient")).json()) as { items: { id: string }[] };
  await admin.json(`/api/admin/users/${items[0]?.id}`, { status: "ACTIVE" }, "PATCH");
  // Approval takes effect on the same session, at once.
  expect((await pending.json("/api/conversations", {})).status).toBe(201);
  const waitingPage = await pending.fetch("/waiting");
  expect(waitingPage.status).toBe(307);

  await admin.json("/api/admin/registration-policy", { policy: "open" }, "PUT");
  expect((await register("Walk-in")).body).toMatchObject({ status: "ACTIVE" });
  const invalid = await admin.json("/api/admin/registration-policy", { policy: "invite-only" }, "PUT");
  expect(invalid.status).toBe(400);
});

it("lets an invitation link open a closed registration, and keeps the newcomer pending under approval", async () => {
  const admin = await signedInClient("founder@example.test", PASSWORD, server.baseUrl);
  const team = (await (await admin.json("/api/teams", { name: "Invited" })).json()) as { id: string };
  const invitation = async () =>
    ((await (await admin.json(`/api/teams/${team.id}/invitations`, { role: "EDITOR" })).json()) as { token: string })
      .token;
  const registerWith = (name: string, token: string) =>
    anonymousClient(server.baseUrl).json("/api/auth/register", {
      email: `${name}@example.test`,
      password: PASSWORD,
      name,
      invitation: token,
    });
  const memberNames = async () => {
    const details = (await (await admin.fetch(`/api/teams/${team.id}`)).json()) as { members: { name: string }[] };
    return details.members.map((member) => member.name);
  };

  await admin.json("/api/admin/registration-policy", { policy: "closed" }, "PUT");
  // The register page says so before anything is typed, unless the visitor comes with a usable invitation.
  const registerPage = async (query = "") => (await anonymousClient(server.baseUrl).fetch(`/register${query}`)).text();
  const closedPage = await registerPage();
  expect(closedPage).toContain("Registration is closed");
  expect(closedPage).not.toContain('type="password"');
  expect(await registerPage(`?invitation=${"A".repeat(43)}`)).toContain("Registration is closed");
  const invitedPage = await registerPage(`?invitation=${await invitation()}`);
  expect(invitedPage).not.toContain("Registration is closed");
  expect(invitedPage).toContain('type="password"');

  const invited = await registerWith("guest", await invitation());
  expect(invited.status).toBe(201);
  expect(await invited.json()).toMatchObject({ status: "ACTIVE" });
  // Closed means closed to anyone without a usable link: a made-up one writes nothing.
  const forged = await registerWith("forger", "A".repeat(43));
  expect(forged.status).toBe(400);
  expect((await (await admin.fetch("/api/admin/users?q=forger")).json()) as { items: unknown[] }).toMatchObject({
    items: [],
  });

  await admin.json("/api/admin/registration-policy", { policy: "approval" }, "PUT");
  const waiting = await registerWith("hopeful", await invitation());
  expect(await waiting.json()).toMatchObject({ status: "PENDING" });
  expect(await memberNames()).toEqual(["Founder", "guest", "hopeful"]);
});
