// What sits where: on a phone the sidebar's menu button (fixed at the top left) covers nothing of any signed-in page,
// at the top or scrolled; the Undo notice of a deleted conversation covers nothing either, on a desktop or a phone.
import { expect, type Locator, type Page } from "@playwright/test";
import { importConversations, keepScreenshot, newUserPage, receiveReply, test } from "./helpers";

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

test("on a phone the sidebar's menu button covers nothing of a signed-in page, at the top or scrolled", async ({
  browser,
}, testInfo) => {
  test.slow();
  const { page, context } = await newUserPage(browser, "Pocket");
  await page.setViewportSize({ width: 390, height: 844 });
  const menuButton = page.getByRole("button", { name: "Open sidebar" });
  await receiveReply(page, "A short answer.");
  const conversationUrl = page.url();
  await page.goto("/teams");
  await page.getByLabel("Team name").fill("Pocket team");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { name: "Pocket team", level: 1 })).toBeVisible();
  const teamUrl = page.url();

  // The first thing of each page: its heading, and on a team's page the way back to the list above it.
  const pages: { url: string; shot: string; first: (page: Page) => Locator }[] = [
    { url: "/", shot: "phone-new-chat", first: (p) => p.getByRole("heading", { name: "What can I help with?" }) },
    { url: conversationUrl, shot: "phone-conversation", first: (p) => p.getByRole("heading", { level: 1 }) },
    { url: "/settings", shot: "phone-settings", first: (p) => p.getByRole("heading", { name: "Settings", level: 1 }) },
    { url: "/teams", shot: "phone-teams", first: (p) => p.getByRole("heading", { name: "Teams", level: 1 }) },
    { url: teamUrl, shot: "phone-team", first: (p) => p.getByRole("main").getByRole("link", { name: "Teams" }) },
    {
      url: "/c/doesnotexist123",
      shot: "phone-conversation-not-found",
      first: (p) => p.getByRole("heading", { name: "Conversation not found" }),
    },
  ];
  for (const { url, shot, first } of pages) {
    await page.goto(url);
    await expectApart(page, menuButton, first(page));
    await keepScreenshot(page, testInfo, shot);
  }

  // Scrolled, text passes below the button's row, never under it (and the button is opaque anyway): a heading
  // scrolled to the top of its page stops below the button.
  await page.goto("/settings");
  const apiKeys = page.getByRole("heading", { name: "API keys" });
  await apiKeys.evaluate((heading) => heading.scrollIntoView({ block: "start" }));
  await expectApart(page, menuButton, apiKeys);
  expect(await menuButton.evaluate((button) => getComputedStyle(button).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
  await keepScreenshot(page, testInfo, "phone-settings-scrolled");
  await context.close();
});

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
  const { page, context } = await newUserPage(browser, "Tidy");
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

  // On a phone (the same account, in a browser of that size from the start), deleting the open conversation leaves
  // its page, and the drawer stays open on the notice.
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    storageState: await context.storageState(),
  });
  await context.close();
  const phone = await phoneContext.newPage();
  await phone.goto(`/c/${firstId}`);
  await phone.getByRole("button", { name: "Open sidebar" }).click();
  const drawer = phone.getByRole("dialog", { name: "Sidebar" });
  await drawer.getByRole("button", { name: "Delete Old notes" }).click();
  await expect(phone).toHaveURL(/\/$/);
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Undo" })).toBeFocused();
  await expectNoticeCoversNothing(phone, drawer);
  await keepScreenshot(phone, testInfo, "undo-notice-phone");
  await phoneContext.close();
});
