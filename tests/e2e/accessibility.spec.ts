// Automated accessibility checks (axe-core) on the main pages, in both themes: no serious or critical violations.
import { expect } from "@playwright/test";
import { RICH_MARKDOWN } from "../support/markdown-samples";
import { expectNoSeriousViolations, newUserPage, receiveReply, test } from "./helpers";

// axe walks the whole DOM several times per check: on two shared cores that takes seconds, not milliseconds.
test.describe.configure({ timeout: 90_000 });

for (const colorScheme of ["light", "dark"] as const) {
  test(`sign-in and register pages pass axe in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.goto("/register");
    await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });

  test(`the chat page, its settings dialog and the shortcuts dialog pass axe in the ${colorScheme} theme`, async ({
    browser,
  }) => {
    const { page } = await newUserPage(browser, "Alan");
    await page.emulateMedia({ colorScheme });
    await expectNoSeriousViolations(page);
    const reply = await receiveReply(page, RICH_MARKDOWN);
    await expect(reply.locator(".hljs-keyword").first()).toBeVisible();
    await expectNoSeriousViolations(page);

    await page.getByRole("button", { name: "Conversation settings" }).click();
    const settings = page.getByRole("dialog", { name: "Conversation settings" });
    await expect(settings).toBeVisible();
    await expect(settings.getByText("Loading settings…")).toBeHidden();
    await expectNoSeriousViolations(page);
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await expectNoSeriousViolations(page);
  });
}
