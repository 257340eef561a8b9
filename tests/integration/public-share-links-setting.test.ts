// The admin's switch for public share links, on a server of its own (turning links off would break the other
// files' links): off, no link can be made and every existing link is 404 at once; the change is audited.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { collectEvents } from "../support/read-events";
import { anonymousClient, registeredClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const PASSWORD = "long enough";
let server: AppServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-share-setting-");
  server = await startAppServer({ databaseUrl: await createEmptyDatabase(), dataDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function registerAndSignIn(name: string) {
  return registeredClient(name, PASSWORD, server.baseUrl);
}

it("turns every link off at once and back on, refusing new links meanwhile, with an audit entry", async () => {
  // The first account is the admin; the offline demo model answers.
  const admin = await registerAndSignIn("Founder");
  const owner = await registerAndSignIn("Owner");
  const anonymous = anonymousClient(server.baseUrl);
  const { id } = (await (await owner.json("/api/conversations", {})).json()) as { id: string };
  await collectEvents(await owner.json(`/api/conversations/${id}/messages`, { content: "Hello there" }));
  const created = await owner.json(`/api/conversations/${id}/share-links`, {});
  expect(created.status).toBe(201);
  const sharedPath = new URL(((await created.json()) as { url: string }).url).pathname;
  const token = sharedPath.split("/s/")[1];
  expect((await anonymous.fetch(sharedPath)).status).toBe(200);
  expect(await (await admin.fetch("/api/admin/public-links")).json()).toEqual({ enabled: true });

  const off = await admin.json("/api/admin/public-links", { enabled: false }, "PUT");
  expect(await off.json()).toEqual({ enabled: false });
  expect((await anonymous.fetch(sharedPath)).status).toBe(404);
  expect((await admin.json(`/api/share/${token}/copy`, {})).status).toBe(404);
  const refused = await owner.json(`/api/conversations/${id}/share-links`, {});
  expect(refused.status).toBe(403);
  expect(await refused.json()).toEqual({
    error: { code: "forbidden", message: "An admin has turned public share links off." },
  });
  const list = (await (await owner.fetch(`/api/conversations/${id}/share-links`)).json()) as {
    publicLinksEnabled: boolean;
    items: unknown[];
  };
  expect(list).toMatchObject({ publicLinksEnabled: false, items: [expect.anything()] });
  expect(await (await admin.fetch("/admin/users")).text()).toContain("Public share links");

  const audit = (await (await admin.fetch("/api/admin/audit-log?action=settings.update")).json()) as {
    items: { actorEmail: string; targetId: string; before: unknown; after: unknown }[];
  };
  expect(audit.items).toEqual([
    expect.objectContaining({
      actorEmail: "founder@example.test",
      targetId: "publicShareLinks",
      before: null,
      after: { publicShareLinks: "off" },
    }),
  ]);
  expect((await admin.json("/api/admin/public-links", { enabled: "no" }, "PUT")).status).toBe(400);

  await admin.json("/api/admin/public-links", { enabled: true }, "PUT");
  expect((await anonymous.fetch(sharedPath)).status).toBe(200);
});
