// An admin adds an Azure OpenAI provider in the console: the kind, the endpoint and the api-version; the card says
// which it is, and Test connection reaches the Azure-shaped endpoint with the key.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { E2E_ADMIN } from "../support/e2e-scenario";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { composer, test } from "./helpers";

let upstream: FakeUpstream;
test.beforeAll(async () => {
  upstream = await startFakeUpstream();
});
test.afterAll(() => upstream.close());

test("an admin adds an Azure OpenAI provider and its connection test passes", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(composer(page)).toBeVisible();
  await page.goto("/admin/providers");
  await expect(page.getByRole("heading", { name: "Providers", level: 1 })).toBeVisible();

  const providerName = `Azure ${randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name", { exact: true }).fill(providerName);
  await page.getByRole("combobox", { name: "Kind" }).selectOption({ label: "Azure OpenAI" });
  await expect(page.getByLabel("Base URL")).toHaveCount(0);
  await page.getByLabel("Endpoint").fill(upstream.url.replace(/\/v1$/, ""));
  await page.getByLabel("API version").fill("2024-10-21");
  await page.getByLabel("API key").fill("azure-e2e-key-5678");
  await page.getByRole("button", { name: "Add provider" }).click();

  const card = page.getByRole("listitem", { name: providerName });
  await expect(card).toContainText("Azure OpenAI · api-version 2024-10-21");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card.getByRole("status")).toContainText("Connected. Models: fake-model");
  const listing = upstream.requests.findLast((request) => request.path.startsWith("/openai/models"));
  expect(listing?.headers["api-key"]).toBe("azure-e2e-key-5678");
});
