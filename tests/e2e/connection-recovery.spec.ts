// The sidebar after the connection drops: its list loads again once the browser is back online, and a failed load
// is tried again without the user doing anything.
import { expect, type Page } from "@playwright/test";
import { newUserPage, send, test } from "./helpers";

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" });
}

const NETWORK_ERROR = "Could not reach the server. Check your connection.";

test("a list that failed while offline loads again when the browser is back online", async ({ browser }) => {
  test.setTimeout(60_000);
  const { page, context } = await newUserPage(browser, "Commuter");
  await send(page, "Notes for the train ride");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  await page.waitForTimeout(1_000);

  // The reply and its title end while the browser is offline: the list's load after them fails.
  await context.setOffline(true);
  await page.waitForTimeout(8_000);
  await expect(sidebar(page).getByText(NETWORK_ERROR)).toBeVisible();
  await context.setOffline(false);

  await expect(sidebar(page).getByText(NETWORK_ERROR)).toHaveCount(0, { timeout: 5_000 });
  await expect(sidebar(page).getByRole("link", { name: /^word0 word1/ })).toBeVisible({ timeout: 5_000 });
});

test("a list whose load failed tries again by itself", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Patient");
  await send(page, "Something to list");
  await expect(sidebar(page).getByRole("link", { name: /^word0/ })).toBeVisible({ timeout: 20_000 });

  await page.route("**/api/conversations", (route) => route.abort("internetdisconnected"), { times: 1 });
  await page.reload();
  await expect(sidebar(page).getByText(NETWORK_ERROR)).toBeVisible();
  await expect(sidebar(page).getByText(NETWORK_ERROR)).toHaveCount(0, { timeout: 5_000 });
  await expect(sidebar(page).getByRole("link", { name: /^word0/ })).toBeVisible();
});
