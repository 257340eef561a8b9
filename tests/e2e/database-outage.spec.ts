// A database outage as a signed-in user sees it: an error page that names it, with a button that brings the page
// back once the database is reachable again, and the session kept. Runs against a server of its own whose
// database connection the test cuts, so the shared end-to-end server is not disturbed.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { type RunningPostgres, startEmbeddedPostgres } from "../../lib/bootstrap/embedded-postgres";
import { type DatabaseSwitch, startDatabaseSwitch } from "../support/database-switch";
import { type AppServer, startAppServer } from "../support/test-stack";
import { composer, PASSWORD, test } from "./helpers";

let dataDir: string;
let postgres: RunningPostgres;
let outage: DatabaseSwitch;
let server: AppServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(path.join(os.tmpdir(), "parley-e2e-outage-"));
  // Started as root, PostgreSQL runs as the OS user "postgres", who must be able to enter this folder.
  chmodSync(dataDir, 0o755);
  postgres = await startEmbeddedPostgres(path.join(dataDir, "postgres"), {
    password: randomBytes(24).toString("hex"),
    database: "parley_outage",
  });
  outage = await startDatabaseSwitch(postgres.databaseUrl);
  server = await startAppServer({ databaseUrl: outage.databaseUrl, dataDir });
});

test.afterAll(async () => {
  await server?.stop();
  await outage?.close();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test("shows that the database cannot be reached, and Try again brings the page back", async ({ page }) => {
  await page.goto(`${server.baseUrl}/register`);
  await page.getByLabel("Name").fill("Outage");
  await page.getByLabel("Email").fill("outage@example.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(composer(page)).toBeVisible();
  await outage.cut();
  try {
    await page.reload();
    await expect(page.getByRole("heading", { name: "Parley can't reach its database" })).toBeVisible();
    await expect(page).not.toHaveURL(/sign-in/);
  } finally {
    await outage.restore();
  }
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(composer(page)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Parley can't reach its database" })).toHaveCount(0);
});
