// A reasoning model's thinking, as a user sees it: a "Thinking…" block while it thinks, "Thought for N s" once the
// answer begins, closed by default and opened with a click or the keyboard; accessible in both themes.
import { expect } from "@playwright/test";
import { E2E_ECHO_PREFIX } from "../support/e2e-scenario";
import { expectNoSeriousViolations, keepScreenshot, newUserPage, send, test } from "./helpers";

// axe walks the whole DOM several times per check: on two shared cores that takes seconds, not milliseconds.
test.describe.configure({ timeout: 90_000 });

// The fake model echoes this a line a delta (50 ms apart): a model thinking in <think> tags, then answering.
const THOUGHTS = Array.from({ length: 30 }, (_, index) => `Step ${index + 1}: weigh the **otters**.`);
const MESSAGE = [E2E_ECHO_PREFIX, "<think>", ...THOUGHTS, "</think>", "", "Sea otters hold hands.", "They sleep."].join(
  "\n",
);

for (const colorScheme of ["light", "dark"] as const) {
  test(`a reasoning reply shows its thinking while it streams, then collapses (${colorScheme})`, async ({
    browser,
  }, testInfo) => {
    const { page } = await newUserPage(browser, "Ada");
    await page.emulateMedia({ colorScheme });
    await send(page, MESSAGE);
    const reply = page.getByRole("article", { name: "Assistant" }).last();
    const summary = reply.locator("summary");

    await expect(summary).toHaveText(/Thinking…/);
    await expect(reply).toHaveAttribute("aria-busy", "true");
    await keepScreenshot(page, testInfo, `thinking-streaming-${colorScheme}`);

    await expect(reply).toHaveAttribute("aria-busy", "false", { timeout: 20_000 });
    await expect(summary).toHaveText(/Thought for \d+ s/);
    await expect(reply.getByText("Sea otters hold hands.")).toBeVisible();
    await expect(reply).not.toContainText("<think>");
    // Closed by default: the thinking is there but not shown.
    const firstThought = reply.getByText("Step 1: weigh the");
    await expect(firstThought).toBeHidden();

    await summary.click();
    await expect(firstThought).toBeVisible();
    await expect(reply.locator("details strong").first()).toHaveText("otters");
    await expectNoSeriousViolations(page);
    await keepScreenshot(page, testInfo, `thinking-open-${colorScheme}`);

    await summary.focus();
    await page.keyboard.press("Enter");
    await expect(firstThought).toBeHidden();

    // Reloaded from the server: the same block, closed, with the stored duration.
    await page.reload();
    const reloaded = page.getByRole("article", { name: "Assistant" }).last();
    await expect(reloaded.locator("summary")).toHaveText(/Thought for \d+ s/);
    await expect(reloaded.getByText("Step 1: weigh the")).toBeHidden();
  });
}
