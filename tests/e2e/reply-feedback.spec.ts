// A reader's verdict on a reply (Good, Bad with words for the admins), kept across a reload, and what the admins read
// of it on the usage page.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { expectNoSeriousViolations, keepScreenshot, newAdminPage, newUserPage, receiveReply, test } from "./helpers";

test.describe.configure({ timeout: 90_000 });

test("a reader judges a reply, says what was wrong, and the admins read the words", async ({ browser }, testInfo) => {
  const { page } = await newUserPage(browser, "Jude");
  const reply = await receiveReply(page, "An answer worth judging.");
  const good = reply.getByRole("button", { name: "Good reply" });
  const bad = reply.getByRole("button", { name: "Bad reply" });
  await expect(good).toHaveAttribute("aria-pressed", "false");

  await bad.click();
  await expect(bad).toHaveAttribute("aria-pressed", "true");
  const why = reply.getByRole("textbox", { name: "What was wrong? (optional)" });
  await expect(why).toBeFocused();
  await expectNoSeriousViolations(page);
  await keepScreenshot(page, testInfo, "reply-feedback-why");
  const words = `Too vague, ${randomUUID().slice(0, 8)}.`;
  await why.fill(words);
  await reply.getByRole("button", { name: "Send" }).click();
  await expect(why).toBeHidden();
  await expect(bad).toBeFocused();

  await page.reload();
  const reloaded = page.getByRole("article", { name: "Assistant" }).last();
  await expect(reloaded.getByRole("button", { name: "Bad reply" })).toHaveAttribute("aria-pressed", "true");

  const admin = await newAdminPage(browser);
  await admin.goto("/admin/usage");
  const section = admin.getByRole("region", { name: "Replies judged" });
  await expect(section.getByText(words)).toBeVisible();
  await expect(section.getByRole("row", { name: /fake-model|Fake model/ })).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await keepScreenshot(admin, testInfo, "reply-feedback-admin");

  // Pressed again, a verdict is withdrawn; the other one replaces it.
  await reloaded.getByRole("button", { name: "Good reply" }).click();
  await expect(reloaded.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "true");
  await expect(reloaded.getByRole("button", { name: "Bad reply" })).toHaveAttribute("aria-pressed", "false");
  await reloaded.getByRole("button", { name: "Good reply" }).click();
  await expect(reloaded.getByRole("button", { name: "Good reply" })).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(page.getByRole("button", { name: "Good reply" }).last()).toHaveAttribute("aria-pressed", "false");
});
