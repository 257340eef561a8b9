// The "i" on a finished reply: what it cost in tokens and how fast it came, in a popover a keyboard opens and closes.
import { expect } from "@playwright/test";
import { expectNoSeriousViolations, keepScreenshot, newUserPage, receiveReply, test } from "./helpers";

test.describe.configure({ timeout: 90_000 });

for (const colorScheme of ["light", "dark"] as const) {
  test(`a reply's info button shows its usage, passes axe and closes on Escape (${colorScheme})`, async ({
    browser,
  }, testInfo) => {
    const { page } = await newUserPage(browser, "Ada");
    await page.emulateMedia({ colorScheme });
    const reply = await receiveReply(page, "Four words of answer.");

    const info = reply.getByRole("button", { name: "Reply details" });
    await expect(info).toHaveAttribute("aria-expanded", "false");
    await info.focus();
    await page.keyboard.press("Enter");
    await expect(info).toHaveAttribute("aria-expanded", "true");
    const popover = page.getByRole("region", { name: "Usage of this reply" });
    await expect(popover).toBeVisible();
    // The fake model reports one token per word: the answer's four words.
    await expect(popover.getByRole("definition").nth(1)).toHaveText("4");
    for (const figure of ["Tokens in", "Tokens out", "Time to first token", "Duration", "Speed"]) {
      await expect(popover.getByRole("term").filter({ hasText: figure })).toBeVisible();
    }
    await expect(popover.getByText(/^\d+(\.\d+)? s$/).first()).toBeVisible();
    await expect(popover.getByText(/^Estimated/)).toHaveCount(0);
    await expectNoSeriousViolations(page);
    await keepScreenshot(page, testInfo, `reply-usage-popover-${colorScheme}`);

    await page.keyboard.press("Escape");
    await expect(popover).toBeHidden();
    await expect(info).toHaveAttribute("aria-expanded", "false");
    await expect(info).toBeFocused();
  });
}
