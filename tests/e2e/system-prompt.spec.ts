// A conversation's own system prompt as its owner writes it (before the first message, then in the settings) and
// as a team member meets it: folded above the thread, read-only.
import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { composer, newUserPage, receiveReply, test } from "./helpers";

const note = (page: Page) => page.getByRole("group").filter({ hasText: "This conversation has its own system prompt" });

test("a prompt written before the first message is shown above the thread and changed in the settings", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Petra");
  const prompt = `Answer as a ship's captain. ${randomUUID().slice(0, 8)}`;
  const toggle = page.getByRole("button", { name: "Add a system prompt" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.getByLabel("System prompt for this conversation").fill(prompt);
  await expect(page.getByRole("button", { name: "System prompt added" })).toBeVisible();
  await receiveReply(page, "Aye.");
  await expect(page).toHaveURL(/\/c\//);

  // Folded to one line; opened, it shows the prompt.
  await expect(note(page)).toBeVisible();
  await expect(page.getByText(prompt)).toBeHidden();
  await page.getByText("This conversation has its own system prompt").click();
  await expect(page.getByText(prompt)).toBeVisible();

  await page.getByRole("button", { name: "Conversation settings" }).click();
  const settings = page.getByRole("dialog", { name: "Conversation settings" });
  const field = settings.getByLabel("System prompt for this conversation");
  await expect(field).toHaveValue(prompt);
  // Too long: said under the field, kept whole, and nothing is sent.
  const patches: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "PATCH") patches.push(request.url());
  });
  await field.fill("x".repeat(20_001));
  await expect(field).toHaveAccessibleDescription(/too long: 20,001 of 20,000 characters/);
  await settings.getByRole("button", { name: "Save prompt" }).click();
  await expect(field).toBeFocused();
  expect(patches).toEqual([]);

  await field.fill("Answer in haiku.");
  await settings.getByRole("button", { name: "Save prompt" }).click();
  // Saved, the dialog stays open for the model's parameters below.
  await expect(settings.getByRole("status")).toHaveText("Saved.");
  await settings
    .getByRole("button", { name: /Close|Cancel/ })
    .first()
    .click();
  await expect(page.getByText("Answer in haiku.")).toBeVisible();
  await page.reload();
  await page.getByText("This conversation has its own system prompt").click();
  await expect(page.getByText("Answer in haiku.")).toBeVisible();
  await expect(page.getByText(prompt)).toHaveCount(0);
  await expect(composer(page)).toBeVisible();
});

test("the new chat's prompt is kept with its draft through a reload until the conversation it starts takes it", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Quentin");
  const prompt = `Answer as a lighthouse keeper. ${randomUUID().slice(0, 8)}`;
  await page.getByRole("button", { name: "Add a system prompt" }).click();
  await page.getByLabel("System prompt for this conversation").fill(prompt);
  await composer(page).fill("Half a question");

  await page.reload();
  await expect(composer(page)).toHaveValue("Half a question");
  await page.getByRole("button", { name: "System prompt added" }).click();
  await expect(page.getByLabel("System prompt for this conversation")).toHaveValue(prompt);

  await composer(page).fill("");
  await receiveReply(page, "Ahoy.");
  await expect(page).toHaveURL(/\/c\//);
  await page.getByText("This conversation has its own system prompt").click();
  await expect(page.getByText(prompt)).toBeVisible();

  // Sent: the next new chat starts without it, after a reload too.
  await page.getByRole("link", { name: "New chat" }).click();
  await expect(page.getByRole("button", { name: "Add a system prompt" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Add a system prompt" }).click();
  await expect(page.getByLabel("System prompt for this conversation")).toHaveValue("");
});
