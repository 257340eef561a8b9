// Every process on one database must sign sessions with the same AUTH_SECRET: the first start records a check value
// of it, a start with another one (a second machine that generated its own) stops and says where its secret came
// from, and `npm run keys:accept-auth-secret` replaces the secret on purpose, which ends every session.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { findFreePort } from "@/lib/bootstrap/embedded-postgres";
import { createEmptyDatabase } from "../support/empty-database";
import { anonymousClient, signedInClient } from "../support/session-client";
import { makeDataDir, outputUntilExit, runPrepare, spawnLauncher, startAppServer } from "../support/test-stack";

const folders: string[] = [];

function newDataDir(): string {
  const folder = makeDataDir("parley-auth-secret-");
  folders.push(folder);
  return folder;
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** `npm run keys:accept-auth-secret`, as an operator runs it with the new secret set. */
function acceptAuthSecret(databaseUrl: string, dataDir: string, authSecret: string) {
  return runPrepare("--accept-auth-secret", {
    DATABASE_URL: databaseUrl,
    PARLEY_DATA_DIR: dataDir,
    AUTH_SECRET: authSecret,
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    OPENAI_API_KEY: "",
    OPENAI_BASE_URL: "",
    ADMIN_EMAIL: "",
    ADMIN_PASSWORD: "",
  });
}

it("refuses a process with another AUTH_SECRET, and replaces the secret on purpose, ending every session", async () => {
  const databaseUrl = await createEmptyDatabase();
  const dataDir = newDataDir();
  const firstSecret = randomBytes(32).toString("hex");
  const first = await startAppServer({ databaseUrl, dataDir, extraEnv: { AUTH_SECRET: firstSecret } });
  const account = { email: "rotation@example.test", password: "long enough", name: "Rotation" };
  expect((await anonymousClient(first.baseUrl).json("/api/auth/register", account)).status).toBe(201);
  const session = await signedInClient(account.email, account.password, first.baseUrl);
  await first.stop();

  // A second machine set up the same way: no AUTH_SECRET, so one is generated into its own data folder.
  const otherDir = newDataDir();
  const secretsFile = path.join(otherDir, "secrets.json");
  const refused = await outputUntilExit(
    spawnLauncher({ databaseUrl, dataDir: otherDir, port: await findFreePort(), extraEnv: { AUTH_SECRET: "" } }),
  );
  expect(refused.code).toBe(1);
  expect(refused.output).toContain(
    `[parley] AUTH_SECRET is not set: this process uses the one generated into ${secretsFile}`,
  );
  expect(refused.output).toContain("[parley] could not start: AUTH_SECRET is not the one this database's sessions");
  expect(refused.output).toContain(`the AUTH_SECRET generated into ${secretsFile}`);
  expect(refused.output).toContain("Every Parley process on one database needs the same AUTH_SECRET");
  expect(refused.output).toContain("npm run keys:accept-auth-secret");
  expect(refused.output).not.toContain(firstSecret);

  const newSecret = randomBytes(32).toString("hex");
  const accepted = await acceptAuthSecret(databaseUrl, dataDir, newSecret);
  expect(accepted).toMatchObject({ code: 0 });
  expect(accepted.output).toContain("[parley] AUTH_SECRET accepted");

  const second = await startAppServer({ databaseUrl, dataDir, extraEnv: { AUTH_SECRET: newSecret } });
  try {
    const headers = { cookie: session.cookieHeader() };
    expect((await fetch(`${second.baseUrl}/api/conversations`, { headers })).status).toBe(401);
    const again = await signedInClient(account.email, account.password, second.baseUrl);
    expect((await again.fetch("/api/conversations")).status).toBe(200);
  } finally {
    await second.stop();
  }
}, 120_000);
