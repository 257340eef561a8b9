// The first visitor of a fresh install: the sign-in page greets them as new and points to the first account, the
// admin; once anyone has registered it is the plain sign-in page. On a server and database of its own.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmptyDatabase } from "../support/empty-database";
import { anonymousClient } from "../support/session-client";
import { type AppServer, makeDataDir, startAppServer } from "../support/test-stack";

let server: AppServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = makeDataDir("parley-first-visit-");
  server = await startAppServer({ databaseUrl: await createEmptyDatabase(), dataDir });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signInPage(): Promise<string> {
  const response = await anonymousClient(server.baseUrl).fetch("/sign-in", { headers: { "accept-language": "en" } });
  expect(response.status).toBe(200);
  return response.text();
}

it("welcomes the first visitor as new, and says welcome back to no one", async () => {
  const fresh = await signInPage();
  expect(fresh).toContain("Welcome to Parley");
  expect(fresh).toContain("No one has an account here yet. Create the first one: it becomes the admin.");
  expect(fresh).not.toContain("Welcome back");

  const registered = await anonymousClient(server.baseUrl).json("/api/auth/register", {
    email: "first@example.test",
    password: "long enough",
    name: "First",
  });
  expect(registered.status).toBe(201);
  const later = await signInPage();
  expect(later).toContain("Sign in to Parley");
  expect(later).not.toContain("Welcome to Parley");
  expect(later).not.toContain("Welcome back");
});
