// Themes, the phone drawer and keyboard shortcuts, as a user meets them.
import { expect } from "@playwright/test";
import { composer, newUserPage, send, test } from "./helpers";

test("the theme follows the system until one is chosen, and the choice survives a reload without a flash", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Hedy");
  const html = page.locator("html");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveAttribute("data-theme", "light");
  const lightBackground = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);

  await page.getByLabel("Theme").selectOption("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");
  expect(await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor)).not.toBe(
    lightBackground,
  );

  // The theme is in place before any of the page's own scripts run: checked at the first parsed element.
  await page.addInitScript(() => {
    document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive")
        (window as { themeAtParse?: string }).themeAtParse = document.documentElement.dataset.theme;
    });
  });
  await page.reload();
  await expect(page.getByLabel("Theme")).toHaveValue("dark");
  expect(await page.evaluate(() => (window as { themeAtParse?: string }).themeAtParse)).toBe("dark");
  await expect(html).toHaveAttribute("data-theme", "dark");

  await page.getByLabel("Theme").selectOption("system");
  await expect(html).toHaveAttribute("data-theme", "light");
});

test("on a phone the sidebar is a drawer that takes and gives back focus", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Katherine");
  await page.setViewportSize({ width: 390, height: 844 });
  const navigation = page.getByRole("navigation", { name: "Conversations" });
  await expect(navigation).toBeHidden();

  const openButton = page.getByRole("button", { name: "Open sidebar" });
  await openButton.click();
  const drawer = page.getByRole("dialog", { name: "Sidebar" });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("button", { name: "Close sidebar" })).toBeFocused();
  // The page behind is out of reach while the drawer is open.
  await expect(page.locator("main")).toHaveAttribute("inert", "");

  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(openButton).toBeFocused();

  await openButton.click();
  await drawer.getByRole("link", { name: "New chat" }).click();
  await expect(drawer).toBeHidden();
  await expect(composer(page)).toBeVisible();
});

test("keyboard shortcuts start a chat, focus the composer, stop a reply and are listed in a help dialog", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Barbara");
  await page.keyboard.press("Control+/");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const description of ["Start a new chat", "Focus the message box", "Stop the reply", "Show keyboard shortcuts"])
    await expect(help.getByText(description)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(help).toBeVisible();
  await help.getByRole("button", { name: "Close" }).click();

  await send(page, "A long answer, please");
  const reply = page.getByRole("article", { name: "Assistant" });
  await expect(reply).toContainText("word3");
  await page.getByRole("button", { name: "Conversation settings" }).focus();
  await page.keyboard.press("Escape");
  await expect(reply.getByText("Stopped")).toBeVisible();
  await expect(reply).not.toContainText("word59");

  await page.keyboard.press("Shift+Escape");
  await expect(composer(page)).toBeFocused();

  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
});
