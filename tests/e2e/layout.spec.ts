// What sits where: the Undo notice of a deleted conversation covers nothing, on a desktop or a phone.
import { expect, type Locator, type Page, test } from "@playwright/test";
import { importConversations, keepScreenshot, newUserPage } from "./helpers";

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box`);
  return box;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function expectApart(page: Page, first: Locator, second: Locator): Promise<void> {
  await expect(first).toBeVisible();
  await expect(second).toBeVisible();
  const [a, b] = [await boxOf(first), await boxOf(second)];
  expect(
    overlaps(a, b),
    `${first} (${JSON.stringify(a)}) covers ${second} (${JSON.stringify(b)}) at ${page.url()}`,
  ).toBe(false);
}

/** The notice sits in the sidebar's flow: apart from the list, the theme and shortcuts row and the account. */
async function expectNoticeCoversNothing(page: Page, within: Locator): Promise<void> {
  const notice = within.getByRole("status").filter({ hasText: /^Deleted/ });
  for (const control of [
    within.getByRole("navigation", { name: "Conversations" }),
    within.getByLabel("Theme"),
    within.getByRole("button", { name: "Keyboard shortcuts" }),
    within.getByRole("link", { name: "Settings" }),
    within.getByRole("button", { name: "Sign out" }),
  ]) {
    await expectApart(page, notice, control);
  }
}

test("the Undo notice of a deletion covers neither the list nor the account, on a desktop and in the phone's drawer", async ({
  browser,
}, testInfo) => {
  const { page } = await newUserPage(browser, "Tidy");
  const [firstId] = await importConversations(page, ["Old notes", "Drafts", "Recipes"]);
  await page.goto(`/c/${firstId}`);
  const list = page.getByRole("navigation", { name: "Conversations" });
  await list.getByRole("button", { name: "Delete Drafts" }).click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
  await expectNoticeCoversNothing(page, page.locator("body"));
  // Beside the page, not over it: the message box stays clear.
  expect((await boxOf(page.getByRole("status").filter({ hasText: /^Deleted/ }))).x).toBeLessThan(
    (await boxOf(page.getByRole("main"))).x,
  );
  await keepScreenshot(page, testInfo, "undo-notice-desktop");

  // On a phone, deleting the open conversation leaves its page, and the drawer stays open on the notice.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("button", { name: "Open sidebar" }).click();
  const drawer = page.getByRole("dialog", { name: "Sidebar" });
  await drawer.getByRole("button", { name: "Delete Old notes" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Undo" })).toBeFocused();
  await expectNoticeCoversNothing(page, drawer);
  await keepScreenshot(page, testInfo, "undo-notice-phone");
});
