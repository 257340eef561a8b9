// A reasoning model as an admin adds it and a user meets it: the admin console picks OpenAI's reasoning shape and
// limits from the name, the admin lets users choose the reasoning effort, and the user's settings say the
// temperature is fixed by the model; the upstream gets exactly that shape.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { type FakeUpstream, startFakeUpstream } from "../support/fake-upstream";
import { expectNoSeriousViolations, newUserPage, send, signInAsAdmin, test } from "./helpers";

const MODEL_NAME = "gpt-5-mini";

let upstream: FakeUpstream;
test.beforeAll(async () => {
  upstream = await startFakeUpstream();
  upstream.scenarioForModel(MODEL_NAME, { reply: "Thought it through.", dialect: { isOpenAiReasoningModel: true } });
});
test.afterAll(() => upstream.close());

async function addReasoningModel(admin: Page, label: string) {
  const providerName = `Reasoning cloud ${randomUUID().slice(0, 6)}`;
  await admin.goto("/admin/providers");
  await admin.getByLabel("Name", { exact: true }).fill(providerName);
  await admin.getByLabel("Base URL").fill(upstream.url);
  await admin.getByLabel("API key").fill("sk-e2e-think-1234");
  await admin.getByRole("button", { name: "Add provider" }).click();
  await expect(admin.getByRole("listitem", { name: providerName })).toBeVisible();
  await admin.goto("/admin/models");
  await admin.getByRole("combobox", { name: "Provider", exact: true }).selectOption({ label: providerName });
  // The limits it will get are filled in as the name is typed: OpenAI's window, and room for the thinking.
  const contextWindow = admin.getByLabel("Context window (tokens)");
  const maxOutputTokens = admin.getByLabel("Max output tokens");
  await expect(contextWindow).toHaveValue("8192");
  await admin.getByLabel("Model name at the provider").fill(MODEL_NAME);
  await expect(contextWindow).toHaveValue("400000");
  await expect(maxOutputTokens).toHaveValue("25000");
  await expect(contextWindow).toHaveAccessibleDescription(/Filled in from the model's name/);
  await admin.getByLabel("Label", { exact: true }).fill(label);
  await admin.getByRole("button", { name: "Add model" }).click();
  const card = admin.getByRole("listitem", { name: label });
  await expect(card).toContainText("400,000 tokens context · 25,000 output");
  await expect(card).toContainText("Sends max_completion_tokens · system prompt as developer");
  // Only what is true: no temperature or top_p figures beside "no temperature or top_p".
  await expect(card).toContainText("no temperature or top_p");
  await expect(card).not.toContainText("(fixed)");
  await expect(card).not.toContainText("top_p 1");
  return card;
}

test("an admin sets a reasoning model's shape; the user's settings say the temperature is fixed by the model", async ({
  browser,
}) => {
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin);
  const label = `Thinker ${randomUUID().slice(0, 6)}`;
  const card = await addReasoningModel(admin, label);

  await card.getByRole("button", { name: "Edit" }).click();
  await expect(card.getByText("Fixed by this model")).toBeVisible();
  await expect(card.getByLabel("Temperature", { exact: true })).toBeHidden();
  await expectNoSeriousViolations(admin);
  await card.getByRole("combobox", { name: "Reasoning effort" }).selectOption("low");
  await card.getByRole("checkbox", { name: "Low" }).check();
  await card.getByRole("checkbox", { name: "High" }).check();
  await card.getByRole("button", { name: "Save model" }).click();
  await expect(card).toContainText("reasoning_effort low");
  await adminContext.close();

  const { page } = await newUserPage(browser, "Thinker");
  await page.getByRole("combobox", { name: "Model" }).selectOption({ label });
  await send(page, "Think first");
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("Thought it through.");

  await page.getByRole("button", { name: "Conversation settings" }).click();
  const dialog = page.getByRole("dialog", { name: "Conversation settings" });
  await expect(dialog.getByRole("definition").filter({ hasText: "Fixed by this model" })).toHaveCount(2);
  const effort = dialog.getByRole("combobox", { name: "Reasoning effort" });
  await expect(effort.locator("option")).toHaveText(["Model default (Low)", "Low", "High"]);
  await expectNoSeriousViolations(page);
  await effort.selectOption("high");
  await expect(dialog).toBeHidden();

  await send(page, "Think harder");
  await expect(page.getByRole("article", { name: "Assistant" })).toHaveCount(2);
  const turns = upstream.requests.filter((request) => (request.body as { stream?: boolean }).stream === true);
  expect(turns).toHaveLength(2);
  expect(turns[0]?.body).toMatchObject({ max_completion_tokens: 25_000, reasoning_effort: "low" });
  expect(turns[1]?.body).toMatchObject({ reasoning_effort: "high" });
  expect(turns[1]?.body).not.toHaveProperty("temperature");
});
