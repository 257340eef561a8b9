// A newcomer's first minutes, each seen going wrong once in Chromium: forms before their script runs, the first
// message of a new chat, the header on a phone, and the title in the header.
import { randomUUID } from "node:crypto";
import { expect } from "@playwright/test";
import { composer, newUserPage, PASSWORD, send, test } from "./helpers";

test("without JavaScript, registering and signing in post their forms and no password reaches a URL", async ({
  browser,
}) => {
  const requested: string[] = [];
  const email = `noscript-${randomUUID().slice(0, 8)}@example.test`;
  const wrongPassword = "not the password at all";

  const registering = await browser.newContext({ javaScriptEnabled: false });
  const page = await registering.newPage();
  page.on("request", (request) => requested.push(request.url()));
  await page.goto("/register");
  await page.getByLabel("Name").fill("Noscript");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "What can I help with?" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/");

  const signingIn = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  signingIn.on("request", (request) => requested.push(request.url()));
  await signingIn.goto("/sign-in?callbackUrl=%2Fsettings");
  await signingIn.getByLabel("Email").fill(email);
  await signingIn.getByLabel("Password").fill(wrongPassword);
  await signingIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signingIn.getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(signingIn.getByLabel("Email")).toHaveValue(email);
  await signingIn.getByLabel("Password").fill(PASSWORD);
  await signingIn.getByRole("button", { name: "Sign in" }).click();
  await expect(signingIn.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  expect(new URL(signingIn.url()).pathname).toBe("/settings");

  const secrets = [PASSWORD, wrongPassword].flatMap((secret) => [
    encodeURIComponent(secret),
    secret.replaceAll(" ", "+"),
  ]);
  expect(requested.filter((url) => secrets.some((secret) => url.includes(secret)) || /password=/i.test(url))).toEqual(
    [],
  );
  expect(requested.length).toBeGreaterThan(4);
});

test("the first message of a new chat shows at once and is sent even when the user goes elsewhere", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Mary");
  // The new conversation's page loads slowly (a slow network): its data waits until the test lets it through.
  let letThrough = () => {};
  const isLetThrough = new Promise<void>((resolve) => {
    letThrough = resolve;
  });
  await page.route("**/api/conversations/*", async (route) => {
    if (route.request().method() === "GET") await isLetThrough;
    await route.continue();
  });

  await send(page, "Remember the milk");
  await expect(page.getByRole("article", { name: "You" })).toHaveText("Remember the milk");
  await expect(composer(page)).toHaveValue("");
  await expect(page).toHaveURL(/\/c\/[a-z0-9]+$/);
  const conversationUrl = page.url();

  // Before the conversation has loaded, the user clicks elsewhere.
  await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Teams" }).click();
  await expect(page.getByRole("heading", { name: "Teams", level: 1 })).toBeVisible();
  letThrough();

  await page.goto(conversationUrl);
  const messages = page.getByRole("log", { name: "Messages" }).getByRole("article");
  await expect(messages.nth(0)).toHaveAccessibleName("You");
  await expect(messages.nth(0)).toHaveText("Remember the milk");
  await expect(messages.nth(1)).toContainText("word59", { timeout: 15_000 });
});

test("on a 360 px phone every header control is on screen and works, through the More menu", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Hopper");
  await page.setViewportSize({ width: 360, height: 740 });
  await send(page, "A conversation to export");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible({ timeout: 15_000 });

  await expect(page.getByRole("heading", { level: 1 })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("combobox", { name: "Model" })).toBeInViewport({ ratio: 1 });
  const more = page.getByRole("button", { name: "More" });
  await expect(more).toBeInViewport({ ratio: 1 });

  const items = ["Share", "Share link…", "Export as Markdown", "Export as JSON", "Conversation settings"];
  await more.click();
  const menu = page.getByRole("menu", { name: "More" });
  await expect(menu.getByRole("menuitem")).toHaveText(items);
  for (const name of items)
    await expect(menu.getByRole("menuitem", { name, exact: true })).toBeInViewport({ ratio: 1 });

  const download = page.waitForEvent("download");
  await menu.getByRole("menuitem", { name: "Export as Markdown" }).click();
  expect((await download).suggestedFilename()).toMatch(/\.md$/);

  const dialogs = [
    { item: "Share", dialog: "Share with a team" },
    { item: "Share link…", dialog: "Share a link" },
    { item: "Conversation settings", dialog: "Conversation settings" },
  ];
  for (const { item, dialog } of dialogs) {
    await more.click();
    await page.getByRole("menuitem", { name: item, exact: true }).click();
    const opened = page.getByRole("dialog", { name: dialog });
    await expect(opened).toBeInViewport({ ratio: 1 });
    await page.keyboard.press("Escape");
    await expect(opened).toBeHidden();
  }
});

test("the header shows a new conversation's title while its first reply streams, as plain text", async ({
  browser,
}) => {
  const { page } = await newUserPage(browser, "Lovelace");
  await send(page, "# Markdown test\n```js\nconst x = 1;\n```");
  const title = "Markdown test const x = 1;";
  await expect(
    page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: title }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Still during the reply: the header did not wait for it to end.
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
});

test("the header and the sidebar show the model's title once it is written, without a reload", async ({ browser }) => {
  const { page } = await newUserPage(browser, "Hopper");
  await send(page, "Plan a trip to the mountains");
  await expect(page.getByRole("heading", { level: 1, name: "Plan a trip to the mountains" })).toBeVisible();
  await expect(page.getByRole("article", { name: "Assistant" })).toContainText("word59");
  // The fake model answers the title request with its usual reply: "word0 word1 …". The title comes as an event on
  // the reply's stream, at once: the page does not poll for it (a poll looked 3 s after the reply ended).
  const modelTitle = /^word0 word1 word2/;
  await expect(page.getByRole("heading", { level: 1, name: modelTitle })).toBeVisible({ timeout: 2_000 });
  await expect(
    page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: modelTitle }),
  ).toBeVisible({ timeout: 2_000 });
  await expect(page).toHaveTitle(/^word0 word1 word2.* · Parley$/);
});
