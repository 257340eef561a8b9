// The pages that call notFound() (a revoked share link, an unknown invitation, conversation or team, the console for
// a user): Next sends an empty shell for them and the browser renders the whole page, layout included. They must
// log no error, and the chosen theme must be in place when their first heading shows, not after.
import { expect, type Page } from "@playwright/test";
import { importConversations, newUserPage, test } from "./helpers";

/** Errors the page logs, except the browser's own note that the page's status is 404, which is the point. */
function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 404/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** The stored theme is dark while the system is light; the theme is read the moment the first heading appears. */
async function chooseDarkAndWatchFirstHeading(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: "light" });
  await page.addInitScript(() => {
    localStorage.setItem("parley-theme", "dark");
    const watch = window as { themeAtFirstHeading?: string };
    new MutationObserver((_records, observer) => {
      if (!document.querySelector("h1")) return;
      watch.themeAtFirstHeading = document.documentElement.dataset.theme ?? "none";
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
}

async function expectDarkFromTheStart(page: Page, path: string, heading: string, errors: string[]): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(404);
  await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as { themeAtFirstHeading?: string }).themeAtFirstHeading), path).toBe(
    "dark",
  );
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(errors, path).toEqual([]);
}

test("pages that call notFound() log no error and show the chosen theme from their first paint", async ({
  browser,
}) => {
  // Two accounts and five pages: about 10 s alone, and 30 s once in a full run on a busy two-core machine.
  test.slow();
  const { page: owner, context: ownerContext } = await newUserPage(browser, "Owner");
  const [id] = await importConversations(owner, ["Shared, then revoked"]);
  const link = await owner.request.post(`/api/conversations/${id}/share-links`, { data: {} });
  expect(link.status()).toBe(201);
  const { id: linkId, url } = (await link.json()) as { id: string; url: string };
  const revoked = await owner.request.delete(`/api/conversations/${id}/share-links/${linkId}`);
  expect(revoked.ok()).toBe(true);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const visitorErrors = collectConsoleErrors(visitor);
  await chooseDarkAndWatchFirstHeading(visitor);
  await expectDarkFromTheStart(visitor, new URL(url).pathname, "Shared conversation not available", visitorErrors);
  await expectDarkFromTheStart(visitor, "/invite/abc", "This invitation is not valid", visitorErrors);
  await visitorContext.close();
  await ownerContext.close();

  const { page: user, context: userContext } = await newUserPage(browser, "Wanderer");
  const userErrors = collectConsoleErrors(user);
  await chooseDarkAndWatchFirstHeading(user);
  await expectDarkFromTheStart(user, "/c/doesnotexist123", "Conversation not found", userErrors);
  await expectDarkFromTheStart(user, "/teams/nope", "Page not found", userErrors);
  await expectDarkFromTheStart(user, "/admin", "Page not found", userErrors);
  await userContext.close();
});
