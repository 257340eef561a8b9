// The admin's attachment limits, on a server of its own (lowering them would refuse the other files' uploads): a
// lower size per file refuses a larger upload with 413 and stores nothing, files per message and storage follow,
// Settings shows the admin's quota, and the change is audited.
import { rmSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { collectEvents } from "../support/read-events";
import { type Client, registeredClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

const PASSWORD = "long enough";
const MEGABYTE = 1024 * 1024;
let server: AppServer;
let databaseUrl: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-attachment-limits-");
  databaseUrl = await createEmptyDatabase();
  server = await startAppServer({ databaseUrl, dataDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function registerAndSignIn(name: string) {
  return registeredClient(name, PASSWORD, server.baseUrl);
}

async function countAttachments(): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM "Attachment"`);
    return Number(result.rows[0]?.count);
  } finally {
    await client.end();
  }
}

const upload = (client: Client, name: string, size: number) =>
  client.fetch(`/api/attachments?name=${name}`, { method: "POST", body: new Uint8Array(size).fill(0x61) });

it("applies the limits an admin sets to uploads, sends and Settings, with an audit entry", async () => {
  // The first account is the admin; the offline demo model answers.
  const admin = await registerAndSignIn("Founder");
  const user = await registerAndSignIn("Uploader");
  const defaults = { fileMegabytes: 20, filesPerMessage: 10, messageMegabytes: 50, storageMegabytes: 1024 };
  expect(await (await admin.fetch("/api/admin/attachment-limits")).json()).toEqual(defaults);
  expect(await (await user.fetch("/settings")).text()).toContain("of 1 GB used");
  expect((await upload(user, "two.txt", 2 * MEGABYTE)).status).toBe(201);

  const lowered = { fileMegabytes: 1, filesPerMessage: 2, messageMegabytes: 2, storageMegabytes: 5 };
  const saved = await admin.json("/api/admin/attachment-limits", lowered, "PUT");
  expect(await saved.json()).toEqual(lowered);
  expect(await countAttachments()).toBe(1);
  const tooLarge = await upload(user, "big.txt", 2 * MEGABYTE);
  expect(tooLarge.status).toBe(413);
  expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toBe("Files are limited to 1 MB.");
  expect(await countAttachments()).toBe(1);
  expect(await (await user.fetch("/settings")).text()).toContain("of 5 MB used");

  const ids: string[] = [];
  for (const name of ["a.txt", "b.txt", "c.txt"]) {
    const response = await upload(user, name, 10);
    expect(response.status).toBe(201);
    ids.push(((await response.json()) as { id: string }).id);
  }
  const { id } = (await (await user.json("/api/conversations", {})).json()) as { id: string };
  const tooMany = await user.json(`/api/conversations/${id}/messages`, { content: "Read these", attachmentIds: ids });
  expect(tooMany.status).toBe(400);
  expect(((await tooMany.json()) as { error: { message: string } }).error.message).toBe("Attach at most 2 files.");
  await collectEvents(
    await user.json(`/api/conversations/${id}/messages`, { content: "Read these", attachmentIds: ids.slice(0, 2) }),
  );

  const audit = (await (await admin.fetch("/api/admin/audit-log?action=settings.update")).json()) as {
    items: { actorEmail: string; targetId: string; after: unknown }[];
  };
  expect(audit.items).toEqual([
    expect.objectContaining({
      actorEmail: "founder@example.test",
      targetId: "attachmentLimits",
      after: { attachmentLimits: JSON.stringify(lowered) },
    }),
  ]);
  const invalid = { ...lowered, messageMegabytes: 0 };
  expect((await admin.json("/api/admin/attachment-limits", invalid, "PUT")).status).toBe(400);
  // Storage per user below the size of one file: nobody could upload a file of that size. Refused, as a message's
  // total below it is.
  const belowOneFile = { fileMegabytes: 20, filesPerMessage: 10, messageMegabytes: 50, storageMegabytes: 10 };
  const refused = await admin.json("/api/admin/attachment-limits", belowOneFile, "PUT");
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([
    {
      path: ["storageMegabytes"],
      message: "Storage per user must allow at least one file of the largest size.",
      rule: "storage_below_file",
      values: {},
    },
  ]);
  expect(await (await admin.fetch("/api/admin/attachment-limits")).json()).toEqual(lowered);
  expect((await user.json("/api/admin/attachment-limits", defaults, "PUT")).status).toBe(403);
  expect(await (await admin.fetch("/admin/users")).text()).toContain("Attachment limits");
});
